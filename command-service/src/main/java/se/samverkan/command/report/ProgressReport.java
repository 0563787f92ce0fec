package se.samverkan.command.report;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.command.common.Validation;
import se.samverkan.command.platform.AggregateCaching;
import se.samverkan.command.project.ProjectDirectory;
import se.samverkan.command.project.ProjectDirectory.ProjectFacts;
import se.samverkan.events.report.Answer;
import se.samverkan.events.report.IndicatorOutcomeSnapshot;
import se.samverkan.events.report.ProgressReportDrafted;
import se.samverkan.events.report.QuestionCatalogue;
import se.samverkan.events.report.ReportApproved;
import se.samverkan.events.report.ReportQuestionAnswered;
import se.samverkan.events.report.ReportReturned;
import se.samverkan.events.report.ReportStatus;
import se.samverkan.events.report.ReportSubmitted;
import se.samverkan.events.report.WorkPackageNarrativeWritten;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A progress report (lägesrapport) of a project: answers to the question catalogue and a narrative per
 * work package, submitted with a frozen indicator snapshot, then returned or approved by an auditor.
 * Lifecycle DRAFT -> SUBMITTED -> (RETURNED -> SUBMITTED)* -> APPROVED; approved reports never change.
 */
// loads from a JSON snapshot once it is long; a change of its fields bumps the revision, so that older
// snapshots are passed over (Axon's RevisionSnapshotFilter) and it is rebuilt from its events instead
@Aggregate(snapshotTriggerDefinition = "longHistorySnapshots", cache = AggregateCaching.CACHE)
@Revision("1")
public class ProgressReport {

    public record DraftProgressReport(@TargetAggregateIdentifier String reportId, String projectId, Integer number,
                                      LocalDate periodStart, LocalDate periodEnd) {
    }

    public record AnswerQuestion(@TargetAggregateIdentifier String reportId, String key, Answer answer, String text,
                                 @TargetAggregateVersion Long expectedVersion) {
    }

    public record WriteWorkPackageNarrative(@TargetAggregateIdentifier String reportId, int workPackage, String result,
                                            String obstacles, @TargetAggregateVersion Long expectedVersion) {
    }

    public record SubmitReport(@TargetAggregateIdentifier String reportId, String signatory,
                               @TargetAggregateVersion Long expectedVersion) {
    }

    public record ReturnReport(@TargetAggregateIdentifier String reportId, String reason,
                               @TargetAggregateVersion Long expectedVersion) {
    }

    public record ApproveReport(@TargetAggregateIdentifier String reportId, String comment,
                                @TargetAggregateVersion Long expectedVersion) {
    }

    private record GivenAnswer(Answer answer, String text) {
    }

    private record Narrative(String result, String obstacles) {
    }

    @AggregateIdentifier
    private String reportId;
    private String projectId;
    private int number;
    private ReportStatus status;
    private final Map<String, GivenAnswer> answers = new HashMap<>();
    private final Map<Integer, Narrative> narratives = new HashMap<>();

    protected ProgressReport() {
    }

    @CommandHandler
    public ProgressReport(DraftProgressReport command, ProjectDirectory projects, ReportDirectory reports) {
        ProjectFacts project = projects.require(command.projectId());
        Validation validation = new Validation();
        int reportNumber = command.number();
        LocalDate start = command.periodStart();
        LocalDate end = command.periodEnd();
        validation.check(!end.isBefore(start), "periodEnd", "must not be before periodStart (" + start + ")");
        validation.check(project.covers(start), "periodStart",
                "must lie within the project period " + project.periodText() + " (was " + start + ")");
        validation.check(project.covers(end), "periodEnd",
                "must lie within the project period " + project.periodText() + " (was " + end + ")");
        validation.throwIfInvalid();
        reports.findByNumber(command.projectId(), reportNumber)
                .filter(existing -> !existing.reportId().equals(command.reportId()))
                .ifPresent(existing -> {
                    throw new ConflictException("project '" + command.projectId() + "' already has report number "
                            + reportNumber + ", with the id '" + existing.reportId() + "'; edit that report or use another number");
                });
        apply(new ProgressReportDrafted(command.reportId(), command.projectId(), reportNumber, start, end));
    }

    @CommandHandler
    public void handle(AnswerQuestion command) {
        // the key names an entry of the fixed catalogue (a 422 whatever the report's state), so it comes first
        if (QuestionCatalogue.find(command.key()).isEmpty()) {
            throw new RuleViolation("key",
                    "'" + command.key() + "' is not a question of the progress report; the questions are: " + questionKeys());
        }
        requireEditable();
        GivenAnswer given = new GivenAnswer(command.answer(), Objects.requireNonNullElse(command.text(), ""));
        if (!given.equals(answers.get(command.key()))) {
            apply(new ReportQuestionAnswered(reportId, projectId, command.key(), given.answer(), given.text()));
        }
    }

    @CommandHandler
    public void handle(WriteWorkPackageNarrative command, ProjectDirectory projects) {
        requireEditable();
        Validation validation = new Validation();
        Set<Integer> workPackages = projects.find(projectId).map(ProjectFacts::workPackages).orElse(Set.of());
        validation.check(workPackages.contains(command.workPackage()), "workPackage",
                "project '" + projectId + "' has no work package " + command.workPackage()
                        + (workPackages.isEmpty() ? "; it has no work packages yet"
                        : "; its work packages are " + new TreeSet<>(workPackages).stream().map(String::valueOf)
                        .collect(Collectors.joining(", "))));
        validation.throwIfInvalid();
        Narrative narrative = new Narrative(command.result(), Objects.requireNonNullElse(command.obstacles(), ""));
        if (!narrative.equals(narratives.get(command.workPackage()))) {
            apply(new WorkPackageNarrativeWritten(reportId, projectId, command.workPackage(), narrative.result(),
                    narrative.obstacles()));
        }
    }

    @CommandHandler
    public void handle(SubmitReport command, ReportChain chain, IndicatorTally tally) {
        requireNotApproved();
        if (!status.isEditable()) {
            throw new ConflictException("report '" + reportId + "' is already " + status
                    + "; it can be submitted again only after the auditor returns it");
        }
        Validation validation = new Validation();
        validation.text("signatory", command.signatory());
        for (String key : QuestionCatalogue.mandatoryKeys()) {
            validation.check(answers.containsKey(key), "answers." + key,
                    "is mandatory; answer it (YES, NO or NOT_APPLICABLE) before submitting");
        }
        validation.throwIfInvalid();
        // The moment as the command saw it (the fixture controls this clock); receipts carry the stored event's own instant.
        Instant submittedAt = GenericEventMessage.clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<IndicatorOutcomeSnapshot> indicators = List.copyOf(tally.snapshot(projectId));
        apply(new ReportSubmitted(reportId, projectId, number, command.signatory().strip(), submittedAt,
                chain.headOf(reportId), indicators));
    }

    @CommandHandler
    public void handle(ReturnReport command) {
        requireSubmitted("returned");
        Validation validation = new Validation();
        validation.text("reason", command.reason());
        validation.throwIfInvalid();
        apply(new ReportReturned(reportId, projectId, command.reason().strip()));
    }

    @CommandHandler
    public void handle(ApproveReport command, ReportChain chain) {
        requireSubmitted("approved");
        String comment = command.comment() == null ? "" : command.comment().strip();
        apply(new ReportApproved(reportId, projectId, comment, chain.headOf(reportId)));
    }

    private void requireNotApproved() {
        if (status == ReportStatus.APPROVED) {
            throw new ConflictException("report '" + reportId + "' is APPROVED, and approved reports never change");
        }
    }

    private void requireEditable() {
        requireNotApproved();
        if (!status.isEditable()) {
            throw new ConflictException("report '" + reportId + "' is " + status
                    + "; only a DRAFT or RETURNED report can be edited, so the auditor must return it first");
        }
    }

    private void requireSubmitted(String action) {
        requireNotApproved();
        if (status != ReportStatus.SUBMITTED) {
            throw new ConflictException("report '" + reportId + "' is " + status + "; only a SUBMITTED report can be " + action);
        }
    }

    private static String questionKeys() {
        return QuestionCatalogue.all().stream().map(QuestionCatalogue.Question::key).collect(Collectors.joining(", "));
    }

    @EventSourcingHandler
    void on(ProgressReportDrafted event) {
        reportId = event.reportId();
        projectId = event.projectId();
        number = event.number();
        status = ReportStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(ReportQuestionAnswered event) {
        answers.put(event.key(), new GivenAnswer(event.answer(), event.text()));
    }

    @EventSourcingHandler
    void on(WorkPackageNarrativeWritten event) {
        narratives.put(event.workPackage(), new Narrative(event.result(), event.obstacles()));
    }

    @EventSourcingHandler
    void on(ReportSubmitted event) {
        status = ReportStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(ReportReturned event) {
        status = ReportStatus.RETURNED;
    }

    @EventSourcingHandler
    void on(ReportApproved event) {
        status = ReportStatus.APPROVED;
    }
}
