package se.samverkan.command.activity;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samverkan.command.activity.Activity.CancelActivity;
import se.samverkan.command.activity.Activity.RecordMeeting;
import se.samverkan.command.activity.Activity.RecordWorkshop;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.command.organisation.OrganisationDirectory;
import se.samverkan.command.organisation.OrganisationDirectory.KnownOrganisation;
import se.samverkan.command.project.ProjectDirectory;
import se.samverkan.command.project.ProjectDirectory.ProjectFacts;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.Participants;
import se.samverkan.events.activity.ActivityCancelled;
import se.samverkan.events.activity.MeetingHeld;
import se.samverkan.events.activity.MeetingKind;
import se.samverkan.events.activity.WorkshopHeld;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

class ActivityTest {

    private static final LocalDate PERIOD_START = LocalDate.parse("2023-10-01");
    private static final LocalDate PERIOD_END = LocalDate.parse("2026-09-30");
    private static final OrgNumber COOMPANION = OrgNumber.of("769604-7237");
    private static final OrgNumber REGISTERED_TOO = OrgNumber.of("556488-1315");
    private static final OrgNumber NOT_REGISTERED = OrgNumber.of("232100-0156");
    private static final Participants SOME = new Participants(3, 2, 1);

    private final Map<String, ProjectFacts> projects = new HashMap<>();
    private final Map<OrgNumber, KnownOrganisation> organisations = new HashMap<>();
    private AggregateTestFixture<Activity> fixture;

    @BeforeEach
    void setUp() {
        projects.put("siv", new ProjectFacts("siv", PERIOD_START, PERIOD_END, Set.of(1, 2, 3, 4)));
        for (OrgNumber number : List.of(COOMPANION, REGISTERED_TOO)) {
            organisations.put(number, new KnownOrganisation("org-" + number, number, "Org " + number, OrganisationCategory.OTHER));
        }
        fixture = new AggregateTestFixture<>(Activity.class);
        ProjectDirectory projectDirectory = projectId -> Optional.ofNullable(projects.get(projectId));
        OrganisationDirectory organisationDirectory = orgNumber -> Optional.ofNullable(organisations.get(orgNumber));
        fixture.registerInjectableResource(projectDirectory);
        fixture.registerInjectableResource(organisationDirectory);
    }

    private static RecordMeeting meeting(int workPackage, LocalDate date, String title, List<OrgNumber> organisations) {
        return new RecordMeeting("m1", "siv", workPackage, MeetingKind.MAPPING, date, title, organisations, SOME, "notes");
    }

    private static RecordWorkshop workshop(int workPackage, LocalDate date, String title, List<OrgNumber> organisations) {
        return new RecordWorkshop("w1", "siv", workPackage, date, title, "Politicians", organisations, SOME, "outcome");
    }

    private static MeetingHeld meetingHeld() {
        return new MeetingHeld("m1", "siv", 1, MeetingKind.MAPPING, LocalDate.parse("2024-02-13"), "Mapping",
                List.of(), Participants.NONE, "");
    }

    @Test
    void recordsAMeetingWithEachOrganisationOnceAndTheTitleTrimmed() {
        LocalDate date = LocalDate.parse("2024-02-13");
        fixture.givenNoPriorActivity()
                .when(meeting(1, date, "  Mapping: Compare ", List.of(COOMPANION, REGISTERED_TOO, COOMPANION)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MeetingHeld("m1", "siv", 1, MeetingKind.MAPPING, date, "Mapping: Compare",
                        List.of(COOMPANION, REGISTERED_TOO), SOME, "notes"));
    }

    @Test
    void aMeetingMayFallAfterItsWorkPackagesPlannedEndAndOnTheProjectsFirstAndLastDay() {
        // Only the project period bounds an activity: WP1 of the scenario ran on past its planned end in March.
        fixture.givenNoPriorActivity()
                .when(meeting(1, LocalDate.parse("2024-05-14"), "Late mapping", List.of()))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(meeting(2, PERIOD_START, "First day", List.of()))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(meeting(2, PERIOD_END, "Last day", List.of()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void leftOutOrganisationsParticipantsAndNotesMeanNoneZeroAndEmpty() {
        LocalDate date = LocalDate.parse("2024-03-20");
        fixture.givenNoPriorActivity()
                .when(new RecordMeeting("m1", "siv", 2, MeetingKind.FOLLOW_UP, date, "Follow-up", null, null, null))
                .expectEvents(new MeetingHeld("m1", "siv", 2, MeetingKind.FOLLOW_UP, date, "Follow-up",
                        List.of(), Participants.NONE, ""));
    }

    @Test
    void recordsAWorkshop() {
        LocalDate date = LocalDate.parse("2024-04-09");
        fixture.givenNoPriorActivity()
                .when(workshop(3, date, "Workshop at 4V", List.of(REGISTERED_TOO)))
                .expectEvents(new WorkshopHeld("w1", "siv", 3, date, "Workshop at 4V", "Politicians",
                        List.of(REGISTERED_TOO), SOME, "outcome"));
    }

    @Test
    void aWorkshopWithoutTargetGroupOrOutcomeGetsEmptyTexts() {
        LocalDate date = LocalDate.parse("2024-04-09");
        fixture.givenNoPriorActivity()
                .when(new RecordWorkshop("w1", "siv", 3, date, "Workshop", null, List.of(), Participants.NONE, null))
                .expectEvents(new WorkshopHeld("w1", "siv", 3, date, "Workshop", "", List.of(), Participants.NONE, ""));
    }

    @Test
    void anActivityOfAnUnknownProjectIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new RecordMeeting("m1", "nope", 1, MeetingKind.MAPPING, LocalDate.parse("2024-02-13"), "x",
                        List.of(), SOME, ""))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("no project with the id 'nope' exists")
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RecordWorkshop("w1", "nope", 1, LocalDate.parse("2024-02-13"), "x", "", List.of(), SOME, ""))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void theWorkPackageMustBeOneOfTheProjects() {
        fixture.givenNoPriorActivity()
                .when(meeting(7, LocalDate.parse("2024-02-13"), "Mapping", List.of()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("workPackage must be one of the project's work packages (1, 2, 3, 4), not 7")
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(workshop(0, LocalDate.parse("2024-02-13"), "Workshop", List.of()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("workPackage must be one of the project's work packages (1, 2, 3, 4), not 0")
                .expectNoEvents();
    }

    @Test
    void aProjectWithoutWorkPackagesSaysSo() {
        projects.put("empty", new ProjectFacts("empty", PERIOD_START, PERIOD_END, Set.of()));
        fixture.givenNoPriorActivity()
                .when(new RecordMeeting("m1", "empty", 1, MeetingKind.MAPPING, LocalDate.parse("2024-02-13"), "x",
                        List.of(), SOME, ""))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("workPackage must be one of the project's work packages (it has none yet), not 1");
    }

    @Test
    void theDateMustLieInsideTheProjectPeriod() {
        fixture.givenNoPriorActivity()
                .when(meeting(1, PERIOD_START.minusDays(1), "Too early", List.of()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("date must lie inside the project period 2023-10-01 to 2026-09-30, not 2023-09-30")
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(workshop(1, PERIOD_END.plusDays(1), "Too late", List.of()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("date must lie inside the project period 2023-10-01 to 2026-09-30, not 2026-10-01")
                .expectNoEvents();
    }

    @Test
    void everyOrganisationMustBeRegisteredAndIsNamedByItsPlaceInTheList() {
        fixture.givenNoPriorActivity()
                .when(meeting(1, LocalDate.parse("2024-02-13"), "Mapping", List.of(COOMPANION, NOT_REGISTERED)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("organisations[1] '232100-0156' is not a registered organisation;"
                        + " register it first with POST /api/organisations")
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(workshop(1, LocalDate.parse("2024-02-13"), "Workshop", List.of(NOT_REGISTERED)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("organisations[0] '232100-0156' is not a registered organisation;"
                        + " register it first with POST /api/organisations")
                .expectNoEvents();
    }

    @Test
    void namesEveryBrokenRuleAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new RecordMeeting("m1", "siv", 9, MeetingKind.MAPPING, PERIOD_END.plusDays(1), "Mapping",
                        List.of(NOT_REGISTERED), SOME, ""))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("workPackage must be one of the project's work packages (1, 2, 3, 4), not 9; "
                        + "date must lie inside the project period 2023-10-01 to 2026-09-30, not 2026-10-01; "
                        + "organisations[0] '232100-0156' is not a registered organisation; register it first with POST /api/organisations")
                .expectNoEvents();
    }

    @Test
    void cancelsAMeetingWithItsReason() {
        fixture.given(meetingHeld())
                .when(new CancelActivity("m1", " Recorded twice by mistake ", null))
                .expectEvents(new ActivityCancelled("m1", "siv", "Recorded twice by mistake"));
    }

    @Test
    void cancelsAWorkshop() {
        fixture.given(new WorkshopHeld("w1", "siv", 3, LocalDate.parse("2024-04-09"), "Workshop", "", List.of(),
                        Participants.NONE, ""))
                .when(new CancelActivity("w1", "Did not take place", null))
                .expectEvents(new ActivityCancelled("w1", "siv", "Did not take place"));
    }

    @Test
    void theSameCancellationAgainChangesNothing() {
        fixture.given(meetingHeld(), new ActivityCancelled("m1", "siv", "Mistake"))
                .when(new CancelActivity("m1", " Mistake ", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cancellingTwiceIsAConflict() {
        fixture.given(meetingHeld(), new ActivityCancelled("m1", "siv", "Mistake"))
                .when(new CancelActivity("m1", "Again", null))
                .expectException(ConflictException.class)
                .expectExceptionMessage("activity 'm1' is already cancelled")
                .expectNoEvents();
    }

    @Test
    void aCancellationMayNameTheVersionItWasBasedOn() {
        // An older version cannot occur here: a cancelled activity refuses any further cancellation anyway.
        fixture.given(meetingHeld())
                .when(new CancelActivity("m1", "Mistake", 0L))
                .expectEvents(new ActivityCancelled("m1", "siv", "Mistake"));
    }
}
