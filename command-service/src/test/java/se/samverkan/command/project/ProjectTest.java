package se.samverkan.command.project;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.command.common.FieldError;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.command.organisation.OrganisationDirectory;
import se.samverkan.command.organisation.OrganisationDirectory.KnownOrganisation;
import se.samverkan.command.project.Project.AddPartner;
import se.samverkan.command.project.Project.CompleteWorkPackage;
import se.samverkan.command.project.Project.CreateProject;
import se.samverkan.command.project.Project.DefineIndicator;
import se.samverkan.command.project.Project.PlanWorkPackage;
import se.samverkan.command.project.Project.RecordIndicatorOutcome;
import se.samverkan.command.project.Project.ReplanWorkPackage;
import se.samverkan.command.project.Project.StartWorkPackage;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectTest {

    private static final String SIV = "siv";
    private static final LocalDate START = LocalDate.parse("2023-10-01");
    private static final LocalDate END = LocalDate.parse("2026-09-30");
    private static final OrgNumber COOMPANION = OrgNumber.of("769604-7237");
    private static final OrgNumber ORG_A = OrgNumber.of("769624-2796");
    private static final OrgNumber ORG_B = OrgNumber.of("232100-0156");
    private static final OrgNumber UNREGISTERED = OrgNumber.of("802517-1557");

    private static final ProjectCreated CREATED = new ProjectCreated(SIV, "20363457", "Social Innovation Värmland",
            "ERUF", START, END, COOMPANION);
    private static final WorkPackagePlanned WP1_PLANNED = new WorkPackagePlanned(SIV, 1, "Utredda nuläge",
            START, LocalDate.parse("2024-03-31"));
    private static final WorkPackageStarted WP1_STARTED = new WorkPackageStarted(SIV, 1, START);
    private static final WorkPackageCompleted WP1_COMPLETED = new WorkPackageCompleted(SIV, 1, LocalDate.parse("2024-05-14"));
    private static final IndicatorDefined MANUAL_INDICATOR = new IndicatorDefined(SIV, "organisationer-stod",
            "Organisationer som får stöd", "organisationer", BigDecimal.valueOf(15), CountingRule.MANUAL);
    private static final IndicatorDefined DERIVED_INDICATOR = new IndicatorDefined(SIV, "engaged",
            "Engaged organisations", "organisationer", BigDecimal.TEN, CountingRule.ORGANISATIONS_ENGAGED);

    private final Map<OrgNumber, KnownOrganisation> registered = new HashMap<>();
    private AggregateTestFixture<Project> fixture;

    @BeforeEach
    void setUp() {
        for (OrgNumber number : List.of(COOMPANION, ORG_A, ORG_B)) {
            registered.put(number, new KnownOrganisation("org-" + number, number, "Org " + number, OrganisationCategory.OTHER));
        }
        fixture = new AggregateTestFixture<>(Project.class);
        OrganisationDirectory directory = orgNumber -> Optional.ofNullable(registered.get(orgNumber));
        fixture.registerInjectableResource(directory);
    }

    /** The fields a RuleViolation names, for asserting that each invalid field is named. */
    private static org.hamcrest.Matcher<Object> namingFields(String... fields) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof RuleViolation violation
                        && violation.errors().stream().map(FieldError::field).sorted().toList()
                        .equals(Arrays.stream(fields).sorted().toList());
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a RuleViolation naming exactly " + Arrays.toString(fields));
            }
        };
    }

    @Nested
    class Creating {

        @Test
        void createsAProjectWithARegisteredBeneficiary() {
            fixture.givenNoPriorActivity()
                    .when(new CreateProject(SIV, "20363457", "Social Innovation Värmland", "ERUF", START, END, COOMPANION))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(CREATED);
        }

        @Test
        void aOneDayPeriodIsAllowed() {
            fixture.givenNoPriorActivity()
                    .when(new CreateProject("day", "1", "One day", "ERUF", START, START, COOMPANION))
                    .expectEvents(new ProjectCreated("day", "1", "One day", "ERUF", START, START, COOMPANION));
        }

        @Test
        void refusesAPeriodEndingBeforeItStarts() {
            fixture.givenNoPriorActivity()
                    .when(new CreateProject(SIV, "20363457", "SIV", "ERUF", END, START, COOMPANION))
                    .expectException(namingFields("periodEnd"))
                    .expectExceptionMessage("periodEnd must not be before periodStart (2026-09-30)")
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnregisteredBeneficiary() {
            fixture.givenNoPriorActivity()
                    .when(new CreateProject(SIV, "20363457", "SIV", "ERUF", START, END, UNREGISTERED))
                    .expectException(namingFields("beneficiaryOrgNumber"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Partners {

        @Test
        void aRegisteredOrganisationJoins() {
            fixture.given(CREATED)
                    .when(new AddPartner(SIV, ORG_A, PartnerRole.CO_FINANCIER, null))
                    .expectEvents(new PartnerJoined(SIV, ORG_A, PartnerRole.CO_FINANCIER));
        }

        @Test
        void theSameOrganisationWithTheSameRoleAgainChangesNothing() {
            fixture.given(CREATED, new PartnerJoined(SIV, ORG_A, PartnerRole.PARTNER))
                    .when(new AddPartner(SIV, ORG_A, PartnerRole.PARTNER, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theSameOrganisationWithAnotherRoleIsAConflict() {
            fixture.given(CREATED, new PartnerJoined(SIV, ORG_A, PartnerRole.PARTNER))
                    .when(new AddPartner(SIV, ORG_A, PartnerRole.ASSOCIATED, null))
                    .expectException(ConflictException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("with the role PARTNER"))
                    .expectNoEvents();
        }

        @Test
        void theBeneficiaryCannotAlsoBeAPartner() {
            fixture.given(CREATED)
                    .when(new AddPartner(SIV, COOMPANION, PartnerRole.PARTNER, null))
                    .expectException(ConflictException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("is the beneficiary"))
                    .expectNoEvents();
        }

        @Test
        void anUnregisteredOrganisationCannotJoin() {
            fixture.given(CREATED)
                    .when(new AddPartner(SIV, UNREGISTERED, PartnerRole.PARTNER, null))
                    .expectException(namingFields("orgNumber"))
                    .expectNoEvents();
        }
    }

    @Nested
    class PlanningWorkPackages {

        @Test
        void plansAWorkPackageInsideThePeriod() {
            fixture.given(CREATED)
                    .when(new PlanWorkPackage(SIV, 1, "Utredda nuläge", START, LocalDate.parse("2024-03-31"), null))
                    .expectEvents(WP1_PLANNED);
        }

        @Test
        void aWorkPackageMaySpanTheWholePeriod() {
            fixture.given(CREATED)
                    .when(new PlanWorkPackage(SIV, 2, "Önskat läge", START, END, null))
                    .expectEvents(new WorkPackagePlanned(SIV, 2, "Önskat läge", START, END));
        }

        @Test
        void theSameDefinitionAgainChangesNothing() {
            fixture.given(CREATED, WP1_PLANNED)
                    .when(new PlanWorkPackage(SIV, 1, "Utredda nuläge", START, LocalDate.parse("2024-03-31"), null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theOriginalDefinitionAgainAfterAReplanChangesNothing() {
            fixture.given(CREATED, WP1_PLANNED,
                            new WorkPackageReplanned(SIV, 1, LocalDate.parse("2024-03-31"), LocalDate.parse("2024-06-30"), "later"))
                    .when(new PlanWorkPackage(SIV, 1, "Utredda nuläge", START, LocalDate.parse("2024-03-31"), null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theSameNumberWithAnotherDefinitionIsAConflict() {
            fixture.given(CREATED, WP1_PLANNED)
                    .when(new PlanWorkPackage(SIV, 1, "Something else", START, LocalDate.parse("2024-03-31"), null))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void theNumberMustBeOneOrMore() {
            fixture.given(CREATED)
                    .when(new PlanWorkPackage(SIV, 0, "Zero", START, END, null))
                    .expectException(namingFields("number"))
                    .expectNoEvents();
        }

        @Test
        void thePlannedEndCannotBeBeforeThePlannedStart() {
            fixture.given(CREATED)
                    .when(new PlanWorkPackage(SIV, 1, "Backwards", LocalDate.parse("2024-05-01"), LocalDate.parse("2024-04-01"), null))
                    .expectException(namingFields("plannedEnd"))
                    .expectNoEvents();
        }

        @Test
        void bothDatesMustLieInsideTheProjectPeriod() {
            fixture.given(CREATED)
                    .when(new PlanWorkPackage(SIV, 1, "Outside", START.minusDays(1), END.plusDays(1), null))
                    .expectException(namingFields("plannedStart", "plannedEnd"))
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("inside the project period 2023-10-01 to 2026-09-30"))
                    .expectNoEvents();
        }
    }

    @Nested
    class WorkPackageLifecycle {

        @Test
        void startsAPlannedWorkPackage() {
            fixture.given(CREATED, WP1_PLANNED)
                    .when(new StartWorkPackage(SIV, 1, START, null))
                    .expectEvents(WP1_STARTED);
        }

        @Test
        void anUnknownWorkPackageIsNotFound() {
            fixture.given(CREATED, WP1_PLANNED)
                    .when(new StartWorkPackage(SIV, 9, START, null))
                    .expectException(NotFoundException.class)
                    .expectExceptionMessage("project 'siv' has no work package 9; it has [1]")
                    .expectNoEvents();
        }

        @Test
        void theStartMustLieInsideTheProjectPeriod() {
            fixture.given(CREATED, WP1_PLANNED)
                    .when(new StartWorkPackage(SIV, 1, START.minusDays(1), null))
                    .expectException(namingFields("startedOn"))
                    .expectNoEvents();
        }

        @Test
        void repeatingTheSameStartChangesNothing() {
            fixture.given(CREATED, WP1_PLANNED, WP1_STARTED)
                    .when(new StartWorkPackage(SIV, 1, START, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void repeatingTheSameStartAfterCompletionChangesNothing() {
            fixture.given(CREATED, WP1_PLANNED, WP1_STARTED, WP1_COMPLETED)
                    .when(new StartWorkPackage(SIV, 1, START, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void startingAnActiveWorkPackageOnAnotherDayIsAConflict() {
            fixture.given(CREATED, WP1_PLANNED, WP1_STARTED)
                    .when(new StartWorkPackage(SIV, 1, START.plusDays(3), null))
                    .expectException(ConflictException.class)
                    .expectExceptionMessage("work package 1 was already started on 2023-10-01; it cannot be started again")
                    .expectNoEvents();
        }

        @Test
        void startingACompletedWorkPackageIsAConflict() {
            fixture.given(CREATED, WP1_PLANNED, WP1_STARTED, WP1_COMPLETED)
                    .when(new StartWorkPackage(SIV, 1, LocalDate.parse("2024-06-01"), null))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void completesAfterThePlannedEnd() {
            fixture.given(CREATED, WP1_PLANNED, WP1_STARTED)
                    .when(new CompleteWorkPackage(SIV, 1, LocalDate.parse("2024-05-14"), null))
                    .expectEvents(WP1_COMPLETED);
        }

        @Test
        void completesOnTheDayItStarted() {
            fixture.given(CREATED, WP1_PLANNED, WP1_STARTED)
                    .when(new CompleteWorkPackage(SIV, 1, START, null))
                    .expectEvents(new WorkPackageCompleted(SIV, 1, START));
        }

        @Test
        void completingAWorkPackageNotStartedIsAConflict() {
            fixture.given(CREATED, WP1_PLANNED)
                    .when(new CompleteWorkPackage(SIV, 1, LocalDate.parse("2024-05-14"), null))
                    .expectException(ConflictException.class)
                    .expectExceptionMessage("work package 1 has not been started; start it before completing it")
                    .expectNoEvents();
        }

        @Test
        void completingACompletedWorkPackageOnAnotherDayIsAConflict() {
            fixture.given(CREATED, WP1_PLANNED, WP1_STARTED, WP1_COMPLETED)
                    .when(new CompleteWorkPackage(SIV, 1, LocalDate.parse("2024-05-20"), null))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void repeatingTheSameCompletionChangesNothing() {
            fixture.given(CREATED, WP1_PLANNED, WP1_STARTED, WP1_COMPLETED)
                    .when(new CompleteWorkPackage(SIV, 1, LocalDate.parse("2024-05-14"), null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theCompletionCannotBeBeforeTheStart() {
            fixture.given(CREATED, WP1_PLANNED, new WorkPackageStarted(SIV, 1, LocalDate.parse("2024-01-10")))
                    .when(new CompleteWorkPackage(SIV, 1, LocalDate.parse("2024-01-09"), null))
                    .expectException(namingFields("completedOn"))
                    .expectNoEvents();
        }

        @Test
        void theCompletionMustLieInsideTheProjectPeriod() {
            fixture.given(CREATED, WP1_PLANNED, WP1_STARTED)
                    .when(new CompleteWorkPackage(SIV, 1, END.plusDays(1), null))
                    .expectException(namingFields("completedOn"))
                    .expectNoEvents();
        }

        @Test
        void anUnknownWorkPackageCannotBeCompleted() {
            fixture.given(CREATED)
                    .when(new CompleteWorkPackage(SIV, 2, START, null))
                    .expectException(NotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Replanning {

        private final LocalDate newEnd = LocalDate.parse("2024-06-30");

        @Test
        void movesThePlannedEndWithAReason() {
            fixture.given(CREATED, WP1_PLANNED, WP1_STARTED)
                    .when(new ReplanWorkPackage(SIV, 1, newEnd, "Fler intervjuer", null))
                    .expectEvents(new WorkPackageReplanned(SIV, 1, LocalDate.parse("2024-03-31"), newEnd, "Fler intervjuer"));
        }

        @Test
        void theSameReplanAgainChangesNothing() {
            fixture.given(CREATED, WP1_PLANNED,
                            new WorkPackageReplanned(SIV, 1, LocalDate.parse("2024-03-31"), newEnd, "Fler intervjuer"))
                    .when(new ReplanWorkPackage(SIV, 1, newEnd, "Fler intervjuer", null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aReplanToTheCurrentEndWithAnotherReasonIsRefused() {
            fixture.given(CREATED, WP1_PLANNED)
                    .when(new ReplanWorkPackage(SIV, 1, LocalDate.parse("2024-03-31"), "no change", null))
                    .expectException(namingFields("plannedEnd"))
                    .expectNoEvents();
        }

        @Test
        void theNewEndMustLieInsideTheProjectPeriod() {
            fixture.given(CREATED, WP1_PLANNED)
                    .when(new ReplanWorkPackage(SIV, 1, END.plusDays(1), "much later", null))
                    .expectException(namingFields("plannedEnd"))
                    .expectNoEvents();
        }

        @Test
        void theNewEndCannotBeBeforeThePlannedStart() {
            fixture.given(CREATED, new WorkPackagePlanned(SIV, 3, "Late", LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31")))
                    .when(new ReplanWorkPackage(SIV, 3, LocalDate.parse("2023-12-31"), "earlier", null))
                    .expectException(namingFields("plannedEnd"))
                    .expectNoEvents();
        }

        @Test
        void aCompletedWorkPackageCannotBeReplanned() {
            fixture.given(CREATED, WP1_PLANNED, WP1_STARTED, WP1_COMPLETED)
                    .when(new ReplanWorkPackage(SIV, 1, newEnd, "too late", null))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void anUnknownWorkPackageCannotBeReplanned() {
            fixture.given(CREATED, WP1_PLANNED)
                    .when(new ReplanWorkPackage(SIV, 5, newEnd, "reason", null))
                    .expectException(NotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Indicators {

        @Test
        void definesAnIndicator() {
            fixture.given(CREATED)
                    .when(new DefineIndicator(SIV, "organisationer-stod", "Organisationer som får stöd", "organisationer",
                            BigDecimal.valueOf(15), CountingRule.MANUAL, null))
                    .expectEvents(MANUAL_INDICATOR);
        }

        @Test
        void aZeroTargetIsAllowed() {
            fixture.given(CREATED)
                    .when(new DefineIndicator(SIV, "zero", "Zero", "st", BigDecimal.ZERO, CountingRule.MANUAL, null))
                    .expectEvents(new IndicatorDefined(SIV, "zero", "Zero", "st", BigDecimal.ZERO, CountingRule.MANUAL));
        }

        @Test
        void theSameDefinitionAgainChangesNothingEvenWrittenAs15Point0() {
            fixture.given(CREATED, MANUAL_INDICATOR)
                    .when(new DefineIndicator(SIV, "organisationer-stod", "Organisationer som får stöd", "organisationer",
                            new BigDecimal("15.0"), CountingRule.MANUAL, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theSameCodeWithAnotherDefinitionIsAConflict() {
            fixture.given(CREATED, MANUAL_INDICATOR)
                    .when(new DefineIndicator(SIV, "organisationer-stod", "Organisationer som får stöd", "organisationer",
                            BigDecimal.valueOf(16), CountingRule.MANUAL, null))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void aNegativeTargetIsRefused() {
            fixture.given(CREATED)
                    .when(new DefineIndicator(SIV, "good-code", "Good", "st", BigDecimal.valueOf(-1), CountingRule.MANUAL, null))
                    .expectException(namingFields("target"))
                    .expectNoEvents();
        }

        @Test
        void anAbsurdTargetIsRefused() {
            fixture.given(CREATED)
                    .when(new DefineIndicator(SIV, "huge", "Huge", "st", new BigDecimal("1E+999"), CountingRule.MANUAL, null))
                    .expectException(namingFields("target"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Outcomes {

        private RecordIndicatorOutcome outcome(int year, BigDecimal value, List<OrgNumber> organisations, String note) {
            return new RecordIndicatorOutcome(SIV, "organisationer-stod", year, value, organisations, note, null);
        }

        @Test
        void recordsAListOfOrganisationsAsTheirCount() {
            fixture.given(CREATED, MANUAL_INDICATOR)
                    .when(outcome(2023, null, List.of(ORG_A, ORG_B), "Enligt lägesrapport 2"))
                    .expectEvents(new IndicatorOutcomeRecorded(SIV, "organisationer-stod", 2023, BigDecimal.valueOf(2),
                            List.of(ORG_A, ORG_B), "Enligt lägesrapport 2"));
        }

        @Test
        void recordsAValueWithoutANote() {
            fixture.given(CREATED, MANUAL_INDICATOR)
                    .when(outcome(2026, BigDecimal.valueOf(7), List.of(), null))
                    .expectEvents(new IndicatorOutcomeRecorded(SIV, "organisationer-stod", 2026, BigDecimal.valueOf(7), List.of(), ""));
        }

        @Test
        void aLaterOutcomeForTheSameYearIsRecordedAsACorrection() {
            fixture.given(CREATED, MANUAL_INDICATOR,
                            new IndicatorOutcomeRecorded(SIV, "organisationer-stod", 2024, BigDecimal.valueOf(3), List.of(), ""))
                    .when(outcome(2024, BigDecimal.valueOf(4), null, "rättelse"))
                    .expectEvents(new IndicatorOutcomeRecorded(SIV, "organisationer-stod", 2024, BigDecimal.valueOf(4), List.of(), "rättelse"));
        }

        @Test
        void theSameOutcomeAgainChangesNothingWhateverTheOrderOfOrganisations() {
            fixture.given(CREATED, MANUAL_INDICATOR, new IndicatorOutcomeRecorded(SIV, "organisationer-stod", 2023,
                            BigDecimal.valueOf(2), List.of(ORG_A, ORG_B), "Enligt lägesrapport 2"))
                    .when(outcome(2023, null, List.of(ORG_B, ORG_A), "Enligt lägesrapport 2"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anUnknownIndicatorIsNotFound() {
            fixture.given(CREATED, MANUAL_INDICATOR)
                    .when(new RecordIndicatorOutcome(SIV, "no-such", 2024, BigDecimal.ONE, null, "", null))
                    .expectException(NotFoundException.class)
                    .expectExceptionMessage("project 'siv' has no indicator 'no-such'")
                    .expectNoEvents();
        }

        @Test
        void aDerivedIndicatorTakesNoRecordedOutcome() {
            fixture.given(CREATED, DERIVED_INDICATOR)
                    .when(new RecordIndicatorOutcome(SIV, "engaged", 2024, BigDecimal.ONE, null, "", null))
                    .expectException(namingFields("countingRule"))
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("derived from the project's activities"))
                    .expectNoEvents();
        }

        @Test
        void theYearCannotBeAfterTheProjectPeriod() {
            fixture.given(CREATED, MANUAL_INDICATOR)
                    .when(outcome(2027, BigDecimal.ONE, null, ""))
                    .expectException(namingFields("year"))
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("(2023 to 2026), not 2027"))
                    .expectNoEvents();
        }

        @Test
        void theYearCannotBeBeforeTheProjectPeriod() {
            fixture.given(CREATED, MANUAL_INDICATOR)
                    .when(outcome(2022, BigDecimal.ONE, null, ""))
                    .expectException(namingFields("year"))
                    .expectNoEvents();
        }

        @Test
        void theFirstAndLastYearOfThePeriodCount() {
            fixture.given(CREATED, MANUAL_INDICATOR)
                    .when(outcome(2023, BigDecimal.ZERO, null, ""))
                    .expectEvents(new IndicatorOutcomeRecorded(SIV, "organisationer-stod", 2023, BigDecimal.ZERO, List.of(), ""));
        }

        @Test
        void notBothAValueAndOrganisations() {
            fixture.given(CREATED, MANUAL_INDICATOR)
                    .when(outcome(2024, BigDecimal.ONE, List.of(ORG_A), ""))
                    .expectException(namingFields("value"))
                    .expectExceptionMessage("value give either a value or a list of organisations, not both")
                    .expectNoEvents();
        }

        @Test
        void eitherAValueOrOrganisations() {
            fixture.given(CREATED, MANUAL_INDICATOR)
                    .when(outcome(2024, null, List.of(), ""))
                    .expectException(namingFields("value"))
                    .expectNoEvents();
        }

        @Test
        void theValueCannotBeNegative() {
            fixture.given(CREATED, MANUAL_INDICATOR)
                    .when(outcome(2024, BigDecimal.valueOf(-1), null, ""))
                    .expectException(namingFields("value"))
                    .expectNoEvents();
        }

        @Test
        void everyOrganisationMustBeRegisteredAndListedOnce() {
            fixture.given(CREATED, MANUAL_INDICATOR)
                    .when(outcome(2024, null, List.of(ORG_A, UNREGISTERED, ORG_A), ""))
                    .expectException(namingFields("organisations[1]", "organisations[2]"))
                    .expectNoEvents();
        }
    }

    @Test
    void theFieldNamingMatcherSeesTheDifference() {
        RuleViolation violation = new RuleViolation(List.of(new FieldError("a", "x"), new FieldError("b", "y")));
        assertThat(namingFields("b", "a").matches(violation)).isTrue();
        assertThat(namingFields("a").matches(violation)).isFalse();
        assertThat(namingFields("a", "b").matches(new IllegalStateException())).isFalse();
    }
}
