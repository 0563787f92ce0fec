package se.samverkan.command.activity;

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
import se.samverkan.events.Participants;
import se.samverkan.events.activity.ActivityCancelled;
import se.samverkan.events.activity.MeetingHeld;
import se.samverkan.events.activity.MeetingKind;
import se.samverkan.events.activity.WorkshopHeld;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A meeting or workshop held in a project's work package. It is recorded once, after the fact, and
 * can only be cancelled afterwards (with a reason), never edited.
 * <p>
 * Its date must lie inside the project's period; it may well lie after the work package's planned
 * end, since work packages often run late and that is exactly what the dashboard shows.
 */
@Aggregate
public class Activity {

    /** Organisations and participants may be null in a command: no organisations, nobody counted. */
    public record RecordMeeting(@TargetAggregateIdentifier String activityId, String projectId, int workPackage,
                                MeetingKind kind, LocalDate date, String title, List<OrgNumber> organisations,
                                Participants participants, String notes) {
    }

    public record RecordWorkshop(@TargetAggregateIdentifier String activityId, String projectId, int workPackage,
                                 LocalDate date, String title, String targetGroup, List<OrgNumber> organisations,
                                 Participants participants, String outcome) {
    }

    public record CancelActivity(@TargetAggregateIdentifier String activityId, String reason,
                                 @TargetAggregateVersion Long expectedVersion) {
    }

    @AggregateIdentifier
    private String activityId;
    private String projectId;
    private boolean cancelled;
    private String cancellationReason;

    protected Activity() {
    }

    @CommandHandler
    public Activity(RecordMeeting command, ProjectDirectory projects, OrganisationDirectory organisations) {
        ProjectFacts project = projects.require(command.projectId());
        Validation validation = new Validation();
        checkWhereWhenWho(validation, project, command.workPackage(), command.date(), command.organisations(),
                organisations);
        validation.throwIfInvalid();
        apply(new MeetingHeld(command.activityId(), project.projectId(), command.workPackage(), command.kind(),
                command.date(), command.title().strip(), distinct(command.organisations()),
                participantsOrNone(command.participants()), textOrEmpty(command.notes())));
    }

    @CommandHandler
    public Activity(RecordWorkshop command, ProjectDirectory projects, OrganisationDirectory organisations) {
        ProjectFacts project = projects.require(command.projectId());
        Validation validation = new Validation();
        checkWhereWhenWho(validation, project, command.workPackage(), command.date(), command.organisations(),
                organisations);
        validation.throwIfInvalid();
        apply(new WorkshopHeld(command.activityId(), project.projectId(), command.workPackage(), command.date(),
                command.title().strip(), textOrEmpty(command.targetGroup()), distinct(command.organisations()),
                participantsOrNone(command.participants()), textOrEmpty(command.outcome())));
    }

    @CommandHandler
    public void handle(CancelActivity command) {
        if (cancelled && command.reason().strip().equals(cancellationReason)) {
            return; // the same cancellation again (an import played twice): nothing to do
        }
        if (cancelled) {
            throw new ConflictException("activity '" + activityId + "' is already cancelled");
        }
        apply(new ActivityCancelled(activityId, projectId, command.reason().strip()));
    }

    @EventSourcingHandler
    void on(MeetingHeld event) {
        activityId = event.activityId();
        projectId = event.projectId();
    }

    @EventSourcingHandler
    void on(WorkshopHeld event) {
        activityId = event.activityId();
        projectId = event.projectId();
    }

    @EventSourcingHandler
    void on(ActivityCancelled event) {
        cancelled = true;
        cancellationReason = event.reason();
    }


    /** The rules meetings and workshops share: work package, date and organisations taking part. */
    private static void checkWhereWhenWho(Validation validation, ProjectFacts project, int workPackage, LocalDate date,
                                          List<OrgNumber> organisations,
                                          OrganisationDirectory organisationDirectory) {
        validation.check(project.workPackages().contains(workPackage), "workPackage",
                "must be one of the project's work packages (" + workPackageList(project) + "), not " + workPackage);
        validation.check(project.covers(date), "date",
                "must lie inside the project period " + project.periodText() + ", not " + date);
        List<OrgNumber> given = organisations == null ? List.of() : organisations;
        for (int i = 0; i < given.size(); i++) {
            OrgNumber orgNumber = given.get(i);
            validation.check(orgNumber != null && organisationDirectory.find(orgNumber).isPresent(),
                    "organisations[" + i + "]", "'" + orgNumber + "' is not a registered organisation;"
                            + " register it first with POST /api/organisations");
        }
    }

    private static String workPackageList(ProjectFacts project) {
        return project.workPackages().isEmpty() ? "it has none yet"
                : project.workPackages().stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static List<OrgNumber> distinct(List<OrgNumber> organisations) {
        return organisations == null ? List.of() : organisations.stream().filter(Objects::nonNull).distinct().toList();
    }

    private static Participants participantsOrNone(Participants participants) {
        return participants == null ? Participants.NONE : participants;
    }

    private static String textOrEmpty(String text) {
        return text == null ? "" : text;
    }
}
