package se.samverkan.command.project;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.command.common.Validation;
import se.samverkan.command.platform.AggregateCaching;
import se.samverkan.command.organisation.OrganisationDirectory;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.project.CountingRule;
import se.samverkan.events.project.IndicatorDefined;
import se.samverkan.events.project.IndicatorOutcomeRecorded;
import se.samverkan.events.project.PartnerJoined;
import se.samverkan.events.project.PartnerRole;
import se.samverkan.events.project.ProjectCreated;
import se.samverkan.events.project.WorkPackageCompleted;
import se.samverkan.events.project.WorkPackagePlanned;
import se.samverkan.events.project.WorkPackageReplanned;
import se.samverkan.events.project.WorkPackageStarted;
import se.samverkan.events.project.WorkPackageStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A funded project: its period and beneficiary, its partners, work packages and indicators with
 * their manually recorded outcomes. Requests that repeat what is already recorded change nothing
 * (so a scenario can be imported twice); requests that contradict it are conflicts.
 */
// loads from a JSON snapshot once it is long; a change of its fields bumps the revision, so that older
// snapshots are passed over (Axon's RevisionSnapshotFilter) and it is rebuilt from its events instead
@Aggregate(snapshotTriggerDefinition = "longHistorySnapshots", cache = AggregateCaching.CACHE)
@Revision("1")
public class Project {

    /** Targets and outcome values are counts or amounts; this bound keeps absurd numbers out of sums and pages. */
    private static final int MAX_INTEGER_DIGITS = 12;
    private static final int MAX_DECIMALS = 4;

    public record CreateProject(@TargetAggregateIdentifier String projectId, String caseId, String name, String programme,
                                LocalDate periodStart, LocalDate periodEnd, OrgNumber beneficiaryOrgNumber) {
    }

    public record AddPartner(@TargetAggregateIdentifier String projectId, OrgNumber orgNumber, PartnerRole role,
                             @TargetAggregateVersion Long expectedVersion) {
    }

    public record PlanWorkPackage(@TargetAggregateIdentifier String projectId, int number, String name,
                                  LocalDate plannedStart, LocalDate plannedEnd,
                                  @TargetAggregateVersion Long expectedVersion) {
    }

    public record StartWorkPackage(@TargetAggregateIdentifier String projectId, int number, LocalDate startedOn,
                                   @TargetAggregateVersion Long expectedVersion) {
    }

    public record CompleteWorkPackage(@TargetAggregateIdentifier String projectId, int number, LocalDate completedOn,
                                      @TargetAggregateVersion Long expectedVersion) {
    }

    public record ReplanWorkPackage(@TargetAggregateIdentifier String projectId, int number, LocalDate plannedEnd,
                                    String reason, @TargetAggregateVersion Long expectedVersion) {
    }

    public record DefineIndicator(@TargetAggregateIdentifier String projectId, String code, String name, String unit,
                                  BigDecimal target, CountingRule countingRule,
                                  @TargetAggregateVersion Long expectedVersion) {
    }

    /** Exactly one of value and organisations (null or empty = not given). */
    public record RecordIndicatorOutcome(@TargetAggregateIdentifier String projectId, String code, int year,
                                         BigDecimal value, List<OrgNumber> organisations, String note,
                                         @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * Immutable, replaced on each event, so that states compare by value. {@code originalPlannedEnd} is
     * the end as first planned: a repeated plan request is compared with it, not with a replanned end.
     */
    private record WorkPackage(String name, LocalDate plannedStart, LocalDate originalPlannedEnd,
                               LocalDate plannedEnd, String lastReplanReason,
                               WorkPackageStatus status, LocalDate startedOn, LocalDate completedOn) {

        static WorkPackage planned(String name, LocalDate plannedStart, LocalDate plannedEnd) {
            return new WorkPackage(name, plannedStart, plannedEnd, plannedEnd, null, WorkPackageStatus.PLANNED, null, null);
        }

        boolean isPlannedAs(String otherName, LocalDate otherStart, LocalDate otherEnd) {
            return name.equals(otherName) && plannedStart.equals(otherStart) && originalPlannedEnd.equals(otherEnd);
        }

        WorkPackage started(LocalDate on) {
            return new WorkPackage(name, plannedStart, originalPlannedEnd, plannedEnd, lastReplanReason, WorkPackageStatus.ACTIVE, on, null);
        }

        WorkPackage completed(LocalDate on) {
            return new WorkPackage(name, plannedStart, originalPlannedEnd, plannedEnd, lastReplanReason, WorkPackageStatus.COMPLETED, startedOn, on);
        }

        WorkPackage replanned(LocalDate newEnd, String reason) {
            return new WorkPackage(name, plannedStart, originalPlannedEnd, newEnd, reason, status, startedOn, completedOn);
        }
    }

    private record Indicator(String name, String unit, BigDecimal target, CountingRule countingRule) {

        boolean sameAs(Indicator other) {
            return name.equals(other.name) && unit.equals(other.unit) && target.compareTo(other.target) == 0
                    && countingRule == other.countingRule;
        }
    }

    private record Outcome(BigDecimal value, Set<OrgNumber> organisations, String note) {

        boolean sameAs(Outcome other) {
            return value.compareTo(other.value) == 0 && organisations.equals(other.organisations) && note.equals(other.note);
        }
    }

    @AggregateIdentifier
    private String projectId;
    private LocalDate periodStart;
    private LocalDate periodEnd;
    private OrgNumber beneficiary;
    private final Map<OrgNumber, PartnerRole> partners = new HashMap<>();
    private final Map<Integer, WorkPackage> workPackages = new HashMap<>();
    private final Map<String, Indicator> indicators = new HashMap<>();
    private final Map<String, Map<Integer, Outcome>> outcomes = new HashMap<>();

    protected Project() {
    }

    @CommandHandler
    public Project(CreateProject command, OrganisationDirectory organisations) {
        Validation validation = new Validation();
        validation.check(!command.periodEnd().isBefore(command.periodStart()), "periodEnd",
                "must not be before periodStart (" + command.periodStart() + ")");
        requireRegistered(validation, organisations, "beneficiaryOrgNumber", command.beneficiaryOrgNumber());
        validation.throwIfInvalid();
        apply(new ProjectCreated(command.projectId(), command.caseId(), command.name(), command.programme(),
                command.periodStart(), command.periodEnd(), command.beneficiaryOrgNumber()));
    }

    @CommandHandler
    public void handle(AddPartner command, OrganisationDirectory organisations) {
        OrgNumber orgNumber = command.orgNumber();
        Validation validation = new Validation();
        requireRegistered(validation, organisations, "orgNumber", orgNumber);
        validation.throwIfInvalid();
        if (orgNumber.equals(beneficiary)) {
            // A conflict with what the project already records (the organisation's place in it), like a
            // second role for a partner: the request is well-formed, the project's state rules it out.
            throw new ConflictException("organisation " + orgNumber + " is the beneficiary of project '" + projectId
                    + "' and cannot also be one of its partners");
        }
        PartnerRole existing = partners.get(orgNumber);
        if (existing == command.role()) {
            return;
        }
        if (existing != null) {
            throw new ConflictException("organisation " + orgNumber + " is already a partner of project '" + projectId
                    + "' with the role " + existing + "; an organisation has one role in a project");
        }
        apply(new PartnerJoined(projectId, orgNumber, command.role()));
    }

    @CommandHandler
    public void handle(PlanWorkPackage command) {
        WorkPackage existing = workPackages.get(command.number());
        if (existing != null && existing.isPlannedAs(command.name(), command.plannedStart(), command.plannedEnd())) {
            return;
        }
        Validation validation = new Validation();
        validation.check(command.number() >= 1, "number", "must be 1 or more (was " + command.number() + ")");
        requireDateInPeriod(validation, "plannedStart", command.plannedStart());
        requireDateInPeriod(validation, "plannedEnd", command.plannedEnd());
        validation.check(!command.plannedEnd().isBefore(command.plannedStart()), "plannedEnd",
                "must not be before plannedStart (" + command.plannedStart() + ")");
        validation.throwIfInvalid();
        if (existing != null) {
            throw new ConflictException("work package " + command.number() + " of project '" + projectId
                    + "' is already planned as '" + existing.name() + "' from " + existing.plannedStart() + " to "
                    + existing.originalPlannedEnd() + "; plan a new work package under another number, or replan its end");
        }
        apply(new WorkPackagePlanned(projectId, command.number(), command.name(), command.plannedStart(), command.plannedEnd()));
    }

    /*
     * Repeating a start or a completion with the date already recorded is a no-op (the fact is known;
     * an import may be played twice), even after the package moved on. A different date, or a start of
     * a package that is already underway, contradicts the record: a conflict.
     */

    @CommandHandler
    public void handle(StartWorkPackage command) {
        WorkPackage workPackage = workPackage(command.number());
        if (command.startedOn().equals(workPackage.startedOn())) {
            return;
        }
        Validation validation = new Validation();
        requireDateInPeriod(validation, "startedOn", command.startedOn());
        validation.throwIfInvalid();
        if (workPackage.status() != WorkPackageStatus.PLANNED) {
            throw new ConflictException("work package " + command.number() + " was already started on "
                    + workPackage.startedOn() + (workPackage.status() == WorkPackageStatus.COMPLETED
                    ? " and completed on " + workPackage.completedOn() : "") + "; it cannot be started again");
        }
        apply(new WorkPackageStarted(projectId, command.number(), command.startedOn()));
    }

    @CommandHandler
    public void handle(CompleteWorkPackage command) {
        WorkPackage workPackage = workPackage(command.number());
        if (command.completedOn().equals(workPackage.completedOn())) {
            return;
        }
        Validation validation = new Validation();
        requireDateInPeriod(validation, "completedOn", command.completedOn());
        if (workPackage.startedOn() != null) {
            validation.check(!command.completedOn().isBefore(workPackage.startedOn()), "completedOn",
                    "must not be before the work package's start on " + workPackage.startedOn());
        }
        // Completing after the planned end is allowed on purpose: that is what makes a package DELAYED.
        validation.throwIfInvalid();
        if (workPackage.status() == WorkPackageStatus.PLANNED) {
            throw new ConflictException("work package " + command.number() + " has not been started; start it before completing it");
        }
        if (workPackage.status() == WorkPackageStatus.COMPLETED) {
            throw new ConflictException("work package " + command.number() + " was already completed on " + workPackage.completedOn());
        }
        apply(new WorkPackageCompleted(projectId, command.number(), command.completedOn()));
    }

    @CommandHandler
    public void handle(ReplanWorkPackage command) {
        WorkPackage workPackage = workPackage(command.number());
        if (command.plannedEnd().equals(workPackage.plannedEnd())
                && command.reason().equals(workPackage.lastReplanReason())) {
            return;
        }
        Validation validation = new Validation();
        requireDateInPeriod(validation, "plannedEnd", command.plannedEnd());
        validation.check(!command.plannedEnd().isBefore(workPackage.plannedStart()), "plannedEnd",
                "must not be before the work package's planned start " + workPackage.plannedStart());
        validation.check(!command.plannedEnd().equals(workPackage.plannedEnd()), "plannedEnd",
                "is already the planned end of work package " + command.number() + "; nothing to replan");
        validation.throwIfInvalid();
        if (workPackage.status() == WorkPackageStatus.COMPLETED) {
            throw new ConflictException("work package " + command.number() + " was completed on " + workPackage.completedOn()
                    + "; a completed work package cannot be replanned");
        }
        apply(new WorkPackageReplanned(projectId, command.number(), workPackage.plannedEnd(), command.plannedEnd(), command.reason()));
    }

    @CommandHandler
    public void handle(DefineIndicator command) {
        Indicator existing = indicators.get(command.code());
        Validation validation = new Validation();
        requireAmount(validation, "target", command.target());
        validation.throwIfInvalid();
        Indicator wanted = new Indicator(command.name(), command.unit(), command.target(), command.countingRule());
        if (existing != null) {
            if (existing.sameAs(wanted)) {
                return;
            }
            throw new ConflictException("project '" + projectId + "' already has an indicator '" + command.code()
                    + "' (" + existing.name() + ", target " + existing.target().toPlainString() + " " + existing.unit()
                    + ", counting rule " + existing.countingRule() + "); choose another code");
        }
        apply(new IndicatorDefined(projectId, command.code(), command.name(), command.unit(), command.target(), command.countingRule()));
    }

    @CommandHandler
    public void handle(RecordIndicatorOutcome command, OrganisationDirectory organisations) {
        Indicator indicator = indicators.get(command.code());
        if (indicator == null) {
            throw new NotFoundException("project '" + projectId + "' has no indicator '" + command.code() + "'");
        }
        if (indicator.countingRule() != CountingRule.MANUAL) {
            throw new RuleViolation("countingRule", "of indicator '" + command.code() + "' is " + indicator.countingRule()
                    + ": its outcomes are derived from the project's activities and pilot working groups and cannot be"
                    + " recorded by hand; only MANUAL indicators take recorded outcomes");
        }
        List<OrgNumber> listed = command.organisations() == null ? List.of() : command.organisations();
        boolean hasValue = command.value() != null;
        boolean hasOrganisations = !listed.isEmpty();

        Validation validation = new Validation();
        validation.check(command.year() >= periodStart.getYear() && command.year() <= periodEnd.getYear(), "year",
                "must be a year of the project period " + periodStart + " to " + periodEnd + " ("
                        + periodStart.getYear() + " to " + periodEnd.getYear() + "), not " + command.year());
        validation.check(!(hasValue && hasOrganisations), "value", "give either a value or a list of organisations, not both");
        validation.check(hasValue || hasOrganisations, "value", "is required: give a value, or a list of organisations instead");
        if (hasValue) {
            requireAmount(validation, "value", command.value());
        }
        Set<OrgNumber> seen = new HashSet<>();
        for (int i = 0; i < listed.size(); i++) {
            String field = "organisations[" + i + "]";
            OrgNumber orgNumber = listed.get(i);
            if (orgNumber != null && !seen.add(orgNumber)) {
                validation.check(false, field, "lists " + orgNumber + " a second time; list each organisation once");
            } else {
                requireRegistered(validation, organisations, field, orgNumber);
            }
        }
        validation.throwIfInvalid();

        BigDecimal value = hasOrganisations ? BigDecimal.valueOf(listed.size()) : command.value();
        String note = command.note() == null ? "" : command.note();
        Outcome earlier = outcomes.getOrDefault(command.code(), Map.of()).get(command.year());
        if (earlier != null && earlier.sameAs(new Outcome(value, Set.copyOf(listed), note))) {
            return;
        }
        // A different outcome for a year already recorded is a correction: it replaces the earlier one.
        apply(new IndicatorOutcomeRecorded(projectId, command.code(), command.year(), value, List.copyOf(listed), note));
    }

    private WorkPackage workPackage(int number) {
        WorkPackage workPackage = workPackages.get(number);
        if (workPackage == null) {
            throw new NotFoundException("project '" + projectId + "' has no work package " + number
                    + (workPackages.isEmpty() ? "" : "; it has " + workPackages.keySet().stream().sorted().toList()));
        }
        return workPackage;
    }

    private void requireDateInPeriod(Validation validation, String field, LocalDate date) {
        validation.check(!date.isBefore(periodStart) && !date.isAfter(periodEnd), field,
                "must lie inside the project period " + periodStart + " to " + periodEnd + " (was " + date + ")");
    }

    private static void requireAmount(Validation validation, String field, BigDecimal amount) {
        validation.check(amount.signum() >= 0, field, "cannot be negative (was " + amount + ")");
        validation.check(amount.precision() - amount.scale() <= MAX_INTEGER_DIGITS && amount.scale() <= MAX_DECIMALS, field,
                "must have at most " + MAX_INTEGER_DIGITS + " digits before and " + MAX_DECIMALS + " after the decimal point");
    }

    private static void requireRegistered(Validation validation, OrganisationDirectory organisations, String field, OrgNumber orgNumber) {
        validation.check(organisations.find(orgNumber).isPresent(), field,
                "is " + orgNumber + ", which is not a registered organisation; register it first (POST /api/organisations)");
    }

    @EventSourcingHandler
    void on(ProjectCreated event) {
        projectId = event.projectId();
        periodStart = event.periodStart();
        periodEnd = event.periodEnd();
        beneficiary = event.beneficiaryOrgNumber();
    }

    @EventSourcingHandler
    void on(PartnerJoined event) {
        partners.put(event.orgNumber(), event.role());
    }

    @EventSourcingHandler
    void on(WorkPackagePlanned event) {
        workPackages.put(event.number(), WorkPackage.planned(event.name(), event.plannedStart(), event.plannedEnd()));
    }

    @EventSourcingHandler
    void on(WorkPackageStarted event) {
        workPackages.computeIfPresent(event.number(), (number, workPackage) -> workPackage.started(event.startedOn()));
    }

    @EventSourcingHandler
    void on(WorkPackageCompleted event) {
        workPackages.computeIfPresent(event.number(), (number, workPackage) -> workPackage.completed(event.completedOn()));
    }

    @EventSourcingHandler
    void on(WorkPackageReplanned event) {
        workPackages.computeIfPresent(event.number(), (number, workPackage) -> workPackage.replanned(event.plannedEnd(), event.reason()));
    }

    @EventSourcingHandler
    void on(IndicatorDefined event) {
        indicators.put(event.code(), new Indicator(event.name(), event.unit(), event.target(), event.countingRule()));
    }

    @EventSourcingHandler
    void on(IndicatorOutcomeRecorded event) {
        List<OrgNumber> listed = event.organisations() == null ? List.of() : event.organisations();
        outcomes.computeIfAbsent(event.code(), code -> new HashMap<>())
                .put(event.year(), new Outcome(event.value(), Set.copyOf(listed), event.note() == null ? "" : event.note()));
    }
}
