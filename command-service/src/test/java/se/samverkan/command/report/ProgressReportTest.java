package se.samverkan.command.report;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.command.common.FieldError;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.command.project.ProjectDirectory;
import se.samverkan.command.project.ProjectDirectory.ProjectFacts;
import se.samverkan.command.report.ProgressReport.AnswerQuestion;
import se.samverkan.command.report.ProgressReport.ApproveReport;
import se.samverkan.command.report.ProgressReport.DraftProgressReport;
import se.samverkan.command.report.ProgressReport.ReturnReport;
import se.samverkan.command.report.ProgressReport.SubmitReport;
import se.samverkan.command.report.ProgressReport.WriteWorkPackageNarrative;
import se.samverkan.events.project.CountingRule;
import se.samverkan.events.report.Answer;
import se.samverkan.events.report.IndicatorOutcomeSnapshot;
import se.samverkan.events.report.ProgressReportDrafted;
import se.samverkan.events.report.QuestionCatalogue;
import se.samverkan.events.report.ReportApproved;
import se.samverkan.events.report.ReportQuestionAnswered;
import se.samverkan.events.report.ReportReturned;
import se.samverkan.events.report.ReportSubmitted;
import se.samverkan.events.report.WorkPackageNarrativeWritten;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressReportTest {

    private static final String PROJECT = "siv";
    private static final String REPORT = "siv-lagesrapport-2";
    private static final ProjectFacts SIV = new ProjectFacts(PROJECT, LocalDate.of(2023, 10, 1), LocalDate.of(2026, 9, 30),
            Set.of(1, 2, 3, 4));
    private static final String HEAD_BEFORE = "ab".repeat(32);
    private static final List<IndicatorOutcomeSnapshot> SNAPSHOT = List.of(new IndicatorOutcomeSnapshot(
            "organisationer-stod", "Organisationer som får stöd", "organisationer", new BigDecimal("15"), CountingRule.MANUAL,
            new BigDecimal("13"), new TreeMap<>(Map.of(2023, new BigDecimal("2"), 2024, new BigDecimal("11")))));

    private final Map<String, ProjectFacts> projects = new HashMap<>(Map.of(PROJECT, SIV));
    private final List<ReportDirectory.KnownReport> reports = new ArrayList<>();
    private final List<String> headRequests = new ArrayList<>();
    private AggregateTestFixture<ProgressReport> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProgressReport.class);
        ProjectDirectory projectDirectory = projectId -> Optional.ofNullable(projects.get(projectId));
        ReportDirectory reportDirectory = new ReportDirectory() {
            @Override
            public Optional<KnownReport> find(String reportId) {
                return reports.stream().filter(r -> r.reportId().equals(reportId)).findFirst();
            }

            @Override
            public Optional<KnownReport> findByNumber(String projectId, int number) {
                return reports.stream().filter(r -> r.projectId().equals(projectId) && r.number() == number).findFirst();
            }
        };
        ReportChain chain = reportId -> {
            headRequests.add(reportId);
            return HEAD_BEFORE;
        };
        IndicatorTally tally = projectId -> PROJECT.equals(projectId) ? SNAPSHOT : List.of();
        fixture.registerInjectableResource(projectDirectory);
        fixture.registerInjectableResource(reportDirectory);
        fixture.registerInjectableResource(chain);
        fixture.registerInjectableResource(tally);
    }

    // --- drafting -------------------------------------------------------------------------------

    @Test
    void draftsAReportInsideTheProjectPeriod() {
        fixture.givenNoPriorActivity()
                .when(draft(REPORT, 2, "2024-02-01", "2024-05-31"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(drafted());
    }

    @Test
    void aReportPeriodMayBeASingleDayAtTheProjectsEdges() {
        fixture.givenNoPriorActivity()
                .when(draft(REPORT, 1, "2023-10-01", "2023-10-01"))
                .expectEvents(new ProgressReportDrafted(REPORT, PROJECT, 1, LocalDate.of(2023, 10, 1), LocalDate.of(2023, 10, 1)));
    }

    @Test
    void refusesAnUnknownProject() {
        fixture.givenNoPriorActivity()
                .when(new DraftProgressReport(REPORT, "no-such-project", 1, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 5, 31)))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("no project with the id 'no-such-project' exists")
                .expectNoEvents();
    }

    @Test
    void refusesAPeriodThatEndsBeforeItStarts() {
        fixture.givenNoPriorActivity()
                .when(draft(REPORT, 2, "2024-05-31", "2024-02-01"))
                .expectException(violating("periodEnd"))
                .expectExceptionMessage("periodEnd must not be before periodStart (2024-05-31)")
                .expectNoEvents();
    }

    @Test
    void refusesAPeriodOutsideTheProject() {
        fixture.givenNoPriorActivity()
                .when(draft(REPORT, 2, "2023-09-30", "2026-10-01"))
                .expectException(violating("periodStart", "periodEnd"))
                .expectNoEvents();
    }

    @Test
    void refusesANumberTheProjectAlreadyUsesNamingThatReport() {
        reports.add(new ReportDirectory.KnownReport("first-report-2", PROJECT, 2));
        fixture.givenNoPriorActivity()
                .when(draft(REPORT, 2, "2024-02-01", "2024-05-31"))
                .expectException(ConflictException.class)
                .expectExceptionMessage("project 'siv' already has report number 2, with the id 'first-report-2';"
                        + " edit that report or use another number")
                .expectNoEvents();
    }

    @Test
    void theSameNumberInAnotherProjectIsFine() {
        reports.add(new ReportDirectory.KnownReport("other-report-2", "other-project", 2));
        fixture.givenNoPriorActivity()
                .when(draft(REPORT, 2, "2024-02-01", "2024-05-31"))
                .expectEvents(drafted());
    }

    @Test
    void aRepeatedDraftOfTheSameReportIsNotItsOwnDuplicate() {
        // an idempotent repeat of the create reaches the handler before the event store refuses the id
        reports.add(new ReportDirectory.KnownReport(REPORT, PROJECT, 2));
        fixture.givenNoPriorActivity()
                .when(draft(REPORT, 2, "2024-02-01", "2024-05-31"))
                .expectEvents(drafted());
    }

    // --- answers --------------------------------------------------------------------------------

    @Test
    void answersAQuestion() {
        fixture.given(drafted())
                .when(new AnswerQuestion(REPORT, "revenue", Answer.NO, "Inga intäkter.", null))
                .expectEvents(new ReportQuestionAnswered(REPORT, PROJECT, "revenue", Answer.NO, "Inga intäkter."));
    }

    @Test
    void aMissingTextIsStoredAsEmpty() {
        fixture.given(drafted())
                .when(new AnswerQuestion(REPORT, "revenue", Answer.NO, null, null))
                .expectEvents(new ReportQuestionAnswered(REPORT, PROJECT, "revenue", Answer.NO, ""));
    }

    @Test
    void anIdenticalAnswerAgainChangesNothing() {
        fixture.given(drafted(), new ReportQuestionAnswered(REPORT, PROJECT, "revenue", Answer.NO, ""))
                .when(new AnswerQuestion(REPORT, "revenue", Answer.NO, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChangedAnswerOrTextIsRecorded() {
        fixture.given(drafted(), new ReportQuestionAnswered(REPORT, PROJECT, "revenue", Answer.NO, ""))
                .when(new AnswerQuestion(REPORT, "revenue", Answer.NO, "Inga intäkter.", null))
                .expectEvents(new ReportQuestionAnswered(REPORT, PROJECT, "revenue", Answer.NO, "Inga intäkter."));
        fixture.given(drafted(), new ReportQuestionAnswered(REPORT, PROJECT, "revenue", Answer.NO, ""))
                .when(new AnswerQuestion(REPORT, "revenue", Answer.YES, "", null))
                .expectEvents(new ReportQuestionAnswered(REPORT, PROJECT, "revenue", Answer.YES, ""));
    }

    @Test
    void refusesAKeyOutsideTheCatalogueListingTheValidKeys() {
        fixture.given(drafted())
                .when(new AnswerQuestion(REPORT, "weather", Answer.YES, "", null))
                .expectException(violating("key"))
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("'weather' is not a question"),
                        org.hamcrest.Matchers.containsString("signatory-changed"),
                        org.hamcrest.Matchers.containsString("evaluation")))
                .expectNoEvents();
    }

    @Test
    void anUnknownQuestionIsRefusedWhateverTheReportsState() {
        // the key names an entry of the catalogue, not a state: the same 422 a draft gets, never a lifecycle 409
        fixture.given(submitted())
                .when(new AnswerQuestion(REPORT, "weather", Answer.YES, "", null))
                .expectException(violating("key"))
                .expectNoEvents();
        fixture.given(approved())
                .when(new AnswerQuestion(REPORT, "weather", Answer.YES, "", null))
                .expectException(violating("key"))
                .expectNoEvents();
    }

    // --- work-package narratives ----------------------------------------------------------------

    @Test
    void writesAWorkPackageNarrative() {
        fixture.given(drafted())
                .when(new WriteWorkPackageNarrative(REPORT, 3, "En pilotgrupp har inkluderats.", null, null))
                .expectEvents(new WorkPackageNarrativeWritten(REPORT, PROJECT, 3, "En pilotgrupp har inkluderats.", ""));
    }

    @Test
    void anIdenticalNarrativeAgainChangesNothing() {
        fixture.given(drafted(), new WorkPackageNarrativeWritten(REPORT, PROJECT, 3, "Resultat", "Hinder"))
                .when(new WriteWorkPackageNarrative(REPORT, 3, "Resultat", "Hinder", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChangedNarrativeIsRecorded() {
        fixture.given(drafted(), new WorkPackageNarrativeWritten(REPORT, PROJECT, 3, "Resultat", "Hinder"))
                .when(new WriteWorkPackageNarrative(REPORT, 3, "Resultat", "", null))
                .expectEvents(new WorkPackageNarrativeWritten(REPORT, PROJECT, 3, "Resultat", ""));
    }

    @Test
    void refusesAWorkPackageTheProjectDoesNotHaveListingItsWorkPackages() {
        fixture.given(drafted())
                .when(new WriteWorkPackageNarrative(REPORT, 5, "Resultat", "", null))
                .expectException(violating("workPackage"))
                .expectExceptionMessage("workPackage project 'siv' has no work package 5; its work packages are 1, 2, 3, 4")
                .expectNoEvents();
    }

    // --- submission -----------------------------------------------------------------------------

    @Test
    void submitsWithTheChainHeadBeforeItAndAFrozenIndicatorSnapshot() {
        Instant now = fixture.currentTime().truncatedTo(ChronoUnit.MILLIS);
        fixture.given(readyToSubmit())
                .when(new SubmitReport(REPORT, " Anna Andersson ", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReportSubmitted(REPORT, PROJECT, 2, "Anna Andersson", now, HEAD_BEFORE, SNAPSHOT));
        assertThat(headRequests).containsExactly(REPORT);
    }

    @Test
    void optionalQuestionsAndNarrativesAreNotNeededToSubmit() {
        Instant now = fixture.currentTime().truncatedTo(ChronoUnit.MILLIS);
        List<Object> onlyMandatory = new ArrayList<>(List.of(drafted()));
        QuestionCatalogue.mandatoryKeys().forEach(key -> onlyMandatory.add(answered(key)));
        fixture.given(onlyMandatory)
                .when(new SubmitReport(REPORT, "Anna Andersson", null))
                .expectEvents(new ReportSubmitted(REPORT, PROJECT, 2, "Anna Andersson", now, HEAD_BEFORE, SNAPSHOT));
    }

    @Test
    void refusesToSubmitWithMandatoryQuestionsUnansweredNamingEachOne() {
        List<String> expected = QuestionCatalogue.mandatoryKeys().stream().map(key -> "answers." + key).toList();
        assertThat(expected).hasSize(11);
        fixture.given(drafted(), answered("overall-progress"))
                .when(new SubmitReport(REPORT, "Anna Andersson", null))
                .expectException(violating(expected.toArray(String[]::new)))
                .expectNoEvents();
    }

    @Test
    void namesOnlyTheMandatoryQuestionsStillMissingAndAMissingSignatory() {
        fixture.given(drafted(), answered("signatory-changed"), answered("vat-as-cost"), answered("revenue"),
                        answered("purchase-agreements"), answered("depreciation"), answered("in-kind-contributions"),
                        answered("inclusive-culture"), answered("target-group-involvement"), answered("communication"))
                .when(new SubmitReport(REPORT, "", null))
                .expectException(violating("signatory", "answers.external-collaboration", "answers.organisation-changes"))
                .expectNoEvents();
    }

    @Test
    void aSubmittedReportCannotBeEditedOrSubmittedAgain() {
        fixture.given(submitted())
                .when(new AnswerQuestion(REPORT, "revenue", Answer.YES, "", null))
                .expectException(ConflictException.class)
                .expectExceptionMessage("report 'siv-lagesrapport-2' is SUBMITTED; only a DRAFT or RETURNED report can be edited,"
                        + " so the auditor must return it first")
                .expectNoEvents();
        fixture.given(submitted())
                .when(new WriteWorkPackageNarrative(REPORT, 1, "Resultat", "", null))
                .expectException(ConflictException.class)
                .expectNoEvents();
        fixture.given(submitted())
                .when(new SubmitReport(REPORT, "Anna Andersson", null))
                .expectException(ConflictException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already SUBMITTED"))
                .expectNoEvents();
    }

    // --- return and resubmission ----------------------------------------------------------------

    @Test
    void theAuditorReturnsASubmittedReportWithAReason() {
        fixture.given(submitted())
                .when(new ReturnReport(REPORT, " Komplettera arbetspaket 3. ", null))
                .expectEvents(new ReportReturned(REPORT, PROJECT, "Komplettera arbetspaket 3."));
    }

    @Test
    void aReturnNeedsAReason() {
        fixture.given(submitted())
                .when(new ReturnReport(REPORT, "  ", null))
                .expectException(violating("reason"))
                .expectNoEvents();
    }

    @Test
    void onlyASubmittedReportCanBeReturned() {
        fixture.given(drafted())
                .when(new ReturnReport(REPORT, "Komplettera.", null))
                .expectException(ConflictException.class)
                .expectExceptionMessage("report 'siv-lagesrapport-2' is DRAFT; only a SUBMITTED report can be returned")
                .expectNoEvents();
        fixture.given(returned())
                .when(new ReturnReport(REPORT, "Komplettera.", null))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void aReturnedReportCanBeEditedAndResubmitted() {
        fixture.given(returned())
                .when(new AnswerQuestion(REPORT, "revenue", Answer.YES, "Biljettintäkter.", null))
                .expectEvents(new ReportQuestionAnswered(REPORT, PROJECT, "revenue", Answer.YES, "Biljettintäkter."));
        fixture.given(returned())
                .when(new WriteWorkPackageNarrative(REPORT, 3, "Kompletterat resultat", "", null))
                .expectEvents(new WorkPackageNarrativeWritten(REPORT, PROJECT, 3, "Kompletterat resultat", ""));
        Instant now = fixture.currentTime().truncatedTo(ChronoUnit.MILLIS);
        fixture.given(returned())
                .andGiven(new ReportQuestionAnswered(REPORT, PROJECT, "revenue", Answer.YES, "Biljettintäkter."))
                .when(new SubmitReport(REPORT, "Anna Andersson", null))
                .expectEvents(new ReportSubmitted(REPORT, PROJECT, 2, "Anna Andersson", now, HEAD_BEFORE, SNAPSHOT));
    }

    // --- approval -------------------------------------------------------------------------------

    @Test
    void theAuditorApprovesASubmittedReportRecordingTheChainHead() {
        fixture.given(submitted())
                .when(new ApproveReport(REPORT, "Godkänd.", null))
                .expectEvents(new ReportApproved(REPORT, PROJECT, "Godkänd.", HEAD_BEFORE));
        assertThat(headRequests).containsExactly(REPORT);
    }

    @Test
    void anApprovalCommentIsOptional() {
        fixture.given(submitted())
                .when(new ApproveReport(REPORT, null, null))
                .expectEvents(new ReportApproved(REPORT, PROJECT, "", HEAD_BEFORE));
    }

    @Test
    void onlyASubmittedReportCanBeApproved() {
        fixture.given(drafted())
                .when(new ApproveReport(REPORT, "", null))
                .expectException(ConflictException.class)
                .expectExceptionMessage("report 'siv-lagesrapport-2' is DRAFT; only a SUBMITTED report can be approved")
                .expectNoEvents();
        fixture.given(returned())
                .when(new ApproveReport(REPORT, "", null))
                .expectException(ConflictException.class)
                .expectExceptionMessage("report 'siv-lagesrapport-2' is RETURNED; only a SUBMITTED report can be approved")
                .expectNoEvents();
    }

    @Test
    void anApprovedReportNeverChangesAgain() {
        List<Object> commands = List.of(
                new AnswerQuestion(REPORT, "revenue", Answer.YES, "", null),
                new AnswerQuestion(REPORT, "revenue", Answer.NO, "", null),
                new WriteWorkPackageNarrative(REPORT, 1, "Resultat", "", null),
                new SubmitReport(REPORT, "Anna Andersson", null),
                new ReturnReport(REPORT, "Komplettera.", null),
                new ApproveReport(REPORT, "Igen.", null));
        for (Object command : commands) {
            fixture.given(approved())
                    .when(command)
                    .expectException(ConflictException.class)
                    .expectExceptionMessage("report 'siv-lagesrapport-2' is APPROVED, and approved reports never change")
                    .expectNoEvents();
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    private static DraftProgressReport draft(String reportId, int number, String start, String end) {
        return new DraftProgressReport(reportId, PROJECT, number, LocalDate.parse(start), LocalDate.parse(end));
    }

    private static ProgressReportDrafted drafted() {
        return new ProgressReportDrafted(REPORT, PROJECT, 2, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 5, 31));
    }

    private static ReportQuestionAnswered answered(String key) {
        return new ReportQuestionAnswered(REPORT, PROJECT, key, Answer.NO, "");
    }

    private static List<Object> readyToSubmit() {
        List<Object> events = new ArrayList<>(List.of(drafted()));
        QuestionCatalogue.all().forEach(question -> events.add(answered(question.key())));
        for (int workPackage = 1; workPackage <= 4; workPackage++) {
            events.add(new WorkPackageNarrativeWritten(REPORT, PROJECT, workPackage, "Resultat " + workPackage, ""));
        }
        return events;
    }

    private static List<Object> submitted() {
        List<Object> events = readyToSubmit();
        events.add(new ReportSubmitted(REPORT, PROJECT, 2, "Anna Andersson", Instant.parse("2024-06-10T08:00:00Z"),
                "cd".repeat(32), SNAPSHOT));
        return events;
    }

    private static List<Object> returned() {
        List<Object> events = submitted();
        events.add(new ReportReturned(REPORT, PROJECT, "Komplettera arbetspaket 3."));
        return events;
    }

    private static List<Object> approved() {
        List<Object> events = returned();
        events.add(new ReportSubmitted(REPORT, PROJECT, 2, "Anna Andersson", Instant.parse("2024-06-12T08:00:00Z"),
                "ef".repeat(32), SNAPSHOT));
        events.add(new ReportApproved(REPORT, PROJECT, "Godkänd.", "01".repeat(32)));
        return events;
    }

    /** A RuleViolation naming exactly these fields. */
    private static Matcher<RuleViolation> violating(String... fields) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                List<String> named = violation.errors().stream().map(FieldError::field).toList();
                return named.size() == fields.length && named.containsAll(List.of(fields))
                        && violation.errors().stream().noneMatch(e -> e.message() == null || e.message().isBlank());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation naming exactly the fields ").appendValue(List.of(fields));
            }
        };
    }
}
