package se.samverkan.command.pilot;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.spring.stereotype.Aggregate;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.command.common.Validation;
import se.samverkan.command.organisation.OrganisationDirectory;
import se.samverkan.command.project.ProjectDirectory;
import se.samverkan.command.project.ProjectDirectory.ProjectFacts;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.pilot.PilotConcluded;
import se.samverkan.events.pilot.PilotIncluded;
import se.samverkan.events.pilot.PilotProposed;
import se.samverkan.events.pilot.PilotStatus;
import se.samverkan.events.pilot.PilotWithdrawn;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A pilot: a group with a challenge that a project takes into its innovation system.
 * Lifecycle: PROPOSED -> INCLUDED -> CONCLUDED, or PROPOSED/INCLUDED -> WITHDRAWN; any other step is
 * a conflict naming the current status. Every date lies inside the project's period; a pilot is
 * concluded or withdrawn no earlier than it was included.
 * <p>
 * A pilot is a group of people, so it is included with at least one member (the number of people
 * in the pilot group; the working group's organisations are counted separately and may be none).
 */
@Aggregate
public class Pilot {

    public record ProposePilot(@TargetAggregateIdentifier String pilotId, String projectId, String name,
                               String challenge, OrgNumber proposedByOrgNumber) {
    }

    /** A null working group means no organisations. */
    public record IncludePilot(@TargetAggregateIdentifier String pilotId, LocalDate includedOn, int members,
                               List<OrgNumber> workingGroup, @TargetAggregateVersion Long expectedVersion) {
    }

    public record ConcludePilot(@TargetAggregateIdentifier String pilotId, LocalDate concludedOn, String outcome,
                                @TargetAggregateVersion Long expectedVersion) {
    }

    public record WithdrawPilot(@TargetAggregateIdentifier String pilotId, LocalDate withdrawnOn, String reason,
                                @TargetAggregateVersion Long expectedVersion) {
    }

    @AggregateIdentifier
    private String pilotId;
    private String projectId;
    private PilotStatus status;
    private LocalDate includedOn;
    /** The event of the pilot's last step, so that repeating that very step changes nothing. */
    private Object lastStep;

    protected Pilot() {
    }

    @CommandHandler
    public Pilot(ProposePilot command, ProjectDirectory projects, OrganisationDirectory organisations) {
        ProjectFacts project = projects.require(command.projectId());
        Validation validation = new Validation();
        checkRegistered(validation, "proposedByOrgNumber", command.proposedByOrgNumber(), organisations);
        validation.throwIfInvalid();
        apply(new PilotProposed(command.pilotId(), project.projectId(), command.name().strip(),
                command.challenge().strip(), command.proposedByOrgNumber()));
    }

    @CommandHandler
    public void handle(IncludePilot command, ProjectDirectory projects, OrganisationDirectory organisations) {
        List<OrgNumber> requested = command.workingGroup() == null ? List.of() : command.workingGroup();
        if (repeatsLastStep(new PilotIncluded(pilotId, projectId, command.includedOn(), command.members(),
                requested.stream().distinct().toList()))) {
            return;
        }
        requireStatus("included", PilotStatus.PROPOSED);
        ProjectFacts project = projects.require(projectId);
        Validation validation = new Validation();
        checkInsidePeriod(validation, "includedOn", command.includedOn(), project);
        validation.check(command.members() >= 1, "members",
                "must be at least 1, the number of people in the pilot group (was " + command.members() + ")");
        List<OrgNumber> workingGroup = command.workingGroup() == null ? List.of() : command.workingGroup();
        for (int i = 0; i < workingGroup.size(); i++) {
            checkRegistered(validation, "workingGroup[" + i + "]", workingGroup.get(i), organisations);
        }
        validation.throwIfInvalid();
        apply(new PilotIncluded(pilotId, projectId, command.includedOn(), command.members(),
                workingGroup.stream().distinct().toList()));
    }

    @CommandHandler
    public void handle(ConcludePilot command, ProjectDirectory projects) {
        if (repeatsLastStep(new PilotConcluded(pilotId, projectId, command.concludedOn(), stripped(command.outcome())))) {
            return;
        }
        requireStatus("concluded", PilotStatus.INCLUDED);
        ProjectFacts project = projects.require(projectId);
        Validation validation = new Validation();
        checkInsidePeriod(validation, "concludedOn", command.concludedOn(), project);
        checkNotBeforeInclusion(validation, "concludedOn", command.concludedOn());
        validation.throwIfInvalid();
        apply(new PilotConcluded(pilotId, projectId, command.concludedOn(), command.outcome().strip()));
    }

    @CommandHandler
    public void handle(WithdrawPilot command, ProjectDirectory projects) {
        if (repeatsLastStep(new PilotWithdrawn(pilotId, projectId, command.withdrawnOn(), stripped(command.reason())))) {
            return;
        }
        requireStatus("withdrawn", PilotStatus.PROPOSED, PilotStatus.INCLUDED);
        ProjectFacts project = projects.require(projectId);
        Validation validation = new Validation();
        checkInsidePeriod(validation, "withdrawnOn", command.withdrawnOn(), project);
        checkNotBeforeInclusion(validation, "withdrawnOn", command.withdrawnOn());
        validation.throwIfInvalid();
        apply(new PilotWithdrawn(pilotId, projectId, command.withdrawnOn(), command.reason().strip()));
    }

    @EventSourcingHandler
    void on(PilotProposed event) {
        pilotId = event.pilotId();
        projectId = event.projectId();
        status = PilotStatus.PROPOSED;
    }

    @EventSourcingHandler
    void on(PilotIncluded event) {
        status = PilotStatus.INCLUDED;
        includedOn = event.includedOn();
        lastStep = event;
    }

    @EventSourcingHandler
    void on(PilotConcluded event) {
        status = PilotStatus.CONCLUDED;
        lastStep = event;
    }

    @EventSourcingHandler
    void on(PilotWithdrawn event) {
        status = PilotStatus.WITHDRAWN;
        lastStep = event;
    }

    /** The very step that brought the pilot where it is, asked again (an import played twice): nothing to do. */
    private boolean repeatsLastStep(Object step) {
        return step.equals(lastStep);
    }

    private static String stripped(String text) {
        return text == null ? null : text.strip();
    }

    private void requireStatus(String becoming, PilotStatus... allowed) {
        if (List.of(allowed).contains(status)) {
            return;
        }
        String allowedText = String.join(" or ", Arrays.stream(allowed).map(Enum::name).toList());
        throw new ConflictException("pilot '" + pilotId + "' is " + status + "; only a pilot that is " + allowedText
                + " can be " + becoming);
    }

    private void checkNotBeforeInclusion(Validation validation, String field, LocalDate date) {
        if (includedOn != null) {
            validation.check(!date.isBefore(includedOn), field,
                    "cannot be before the pilot was included, on " + includedOn + " (was " + date + ")");
        }
    }

    private static void checkInsidePeriod(Validation validation, String field, LocalDate date, ProjectFacts project) {
        validation.check(project.covers(date), field,
                "must lie inside the project period " + project.periodText() + ", not " + date);
    }

    private static void checkRegistered(Validation validation, String field, OrgNumber orgNumber,
                                        OrganisationDirectory organisations) {
        validation.check(organisations.find(orgNumber).isPresent(), field,
                "'" + orgNumber + "' is not a registered organisation; register it first with POST /api/organisations");
    }

}
