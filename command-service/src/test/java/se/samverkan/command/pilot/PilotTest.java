package se.samverkan.command.pilot;

import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.command.organisation.OrganisationDirectory;
import se.samverkan.command.organisation.OrganisationDirectory.KnownOrganisation;
import se.samverkan.command.pilot.Pilot.ConcludePilot;
import se.samverkan.command.pilot.Pilot.IncludePilot;
import se.samverkan.command.pilot.Pilot.ProposePilot;
import se.samverkan.command.pilot.Pilot.WithdrawPilot;
import se.samverkan.command.project.ProjectDirectory;
import se.samverkan.command.project.ProjectDirectory.ProjectFacts;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.pilot.PilotConcluded;
import se.samverkan.events.pilot.PilotIncluded;
import se.samverkan.events.pilot.PilotProposed;
import se.samverkan.events.pilot.PilotWithdrawn;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

class PilotTest {

    private static final LocalDate PERIOD_START = LocalDate.parse("2023-10-01");
    private static final LocalDate PERIOD_END = LocalDate.parse("2026-09-30");
    private static final LocalDate INCLUDED_ON = LocalDate.parse("2024-03-25");
    private static final OrgNumber COOMPANION = OrgNumber.of("769604-7237");
    private static final OrgNumber REGISTERED_TOO = OrgNumber.of("556488-1315");
    private static final OrgNumber NOT_REGISTERED = OrgNumber.of("232100-0156");
    private static final String NOT_REGISTERED_MESSAGE =
            "'232100-0156' is not a registered organisation; register it first with POST /api/organisations";

    private final Map<String, ProjectFacts> projects = new HashMap<>();
    private final Map<OrgNumber, KnownOrganisation> organisations = new HashMap<>();
    private AggregateTestFixture<Pilot> fixture;

    @BeforeEach
    void setUp() {
        projects.put("siv", new ProjectFacts("siv", PERIOD_START, PERIOD_END, Set.of(1, 2, 3, 4)));
        for (OrgNumber number : List.of(COOMPANION, REGISTERED_TOO)) {
            organisations.put(number, new KnownOrganisation("org-" + number, number, "Org " + number, OrganisationCategory.OTHER));
        }
        fixture = new AggregateTestFixture<>(Pilot.class);
        ProjectDirectory projectDirectory = projectId -> Optional.ofNullable(projects.get(projectId));
        OrganisationDirectory organisationDirectory = orgNumber -> Optional.ofNullable(organisations.get(orgNumber));
        fixture.registerInjectableResource(projectDirectory);
        fixture.registerInjectableResource(organisationDirectory);
    }

    private static PilotProposed proposed() {
        return new PilotProposed("p1", "siv", "Lokala matgemenskaper", "Local food systems", COOMPANION);
    }

    private static PilotIncluded included() {
        return new PilotIncluded("p1", "siv", INCLUDED_ON, 4, List.of());
    }

    private static IncludePilot include(LocalDate on, int members, List<OrgNumber> workingGroup) {
        return new IncludePilot("p1", on, members, workingGroup, null);
    }

    private static ConcludePilot conclude(LocalDate on, String outcome) {
        return new ConcludePilot("p1", on, outcome, null);
    }

    private static WithdrawPilot withdraw(LocalDate on, String reason) {
        return new WithdrawPilot("p1", on, reason, null);
    }

    // --- proposal

    @Test
    void proposesAPilotWithNameAndChallengeTrimmed() {
        fixture.givenNoPriorActivity()
                .when(new ProposePilot("p1", "siv", " Lokala matgemenskaper ", "Local food systems\n", COOMPANION))
                .expectSuccessfulHandlerExecution()
                .expectEvents(proposed());
    }

    @Test
    void aPilotOfAnUnknownProjectIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ProposePilot("p1", "nope", "Name", "Challenge", COOMPANION))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("no project with the id 'nope' exists")
                .expectNoEvents();
    }

    @Test
    void aProposalNeedsARegisteredProposer() {
        fixture.givenNoPriorActivity()
                .when(new ProposePilot("p1", "siv", "Name", "Challenge", NOT_REGISTERED))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("proposedByOrgNumber " + NOT_REGISTERED_MESSAGE)
                .expectNoEvents();
    }

    // --- inclusion

    @Test
    void includesAProposedPilotWithEachWorkingGroupOrganisationOnce() {
        fixture.given(proposed())
                .when(include(INCLUDED_ON, 4, List.of(REGISTERED_TOO, COOMPANION, REGISTERED_TOO)))
                .expectEvents(new PilotIncluded("p1", "siv", INCLUDED_ON, 4, List.of(REGISTERED_TOO, COOMPANION)));
        fixture.given(proposed())
                .when(include(INCLUDED_ON, 1, null))
                .expectEvents(new PilotIncluded("p1", "siv", INCLUDED_ON, 1, List.of()));
    }

    @Test
    void aPilotGroupHasAtLeastOneMember() {
        fixture.given(proposed())
                .when(include(INCLUDED_ON, 0, List.of()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("members must be at least 1, the number of people in the pilot group (was 0)")
                .expectNoEvents();
        fixture.given(proposed())
                .when(include(INCLUDED_ON, -3, List.of()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("members must be at least 1, the number of people in the pilot group (was -3)")
                .expectNoEvents();
    }

    @Test
    void theInclusionDateLiesInsideTheProjectPeriod() {
        fixture.given(proposed())
                .when(include(PERIOD_START.minusDays(1), 4, List.of()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("includedOn must lie inside the project period 2023-10-01 to 2026-09-30, not 2023-09-30")
                .expectNoEvents();
        fixture.given(proposed())
                .when(include(PERIOD_END, 4, List.of()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theWorkingGroupHoldsRegisteredOrganisationsOnly() {
        fixture.given(proposed())
                .when(include(INCLUDED_ON, 4, List.of(COOMPANION, NOT_REGISTERED)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("workingGroup[1] " + NOT_REGISTERED_MESSAGE)
                .expectNoEvents();
    }

    @Test
    void theSameStepAgainChangesNothingButADifferentOneIsAConflict() {
        fixture.given(proposed(), included())
                .when(include(INCLUDED_ON, 4, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(proposed(), included())
                .when(include(INCLUDED_ON, 5, List.of()))
                .expectException(ConflictException.class)
                .expectNoEvents();
        fixture.given(proposed(), new PilotWithdrawn("p1", "siv", INCLUDED_ON, "No time"))
                .when(withdraw(INCLUDED_ON, "No time "))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void onlyAProposedPilotCanBeIncluded() {
        // (the very same inclusion again is a no-op, see theSameStepAgainChangesNothingButADifferentOneIsAConflict)
        fixture.given(proposed(), included())
                .when(include(INCLUDED_ON.plusDays(1), 4, List.of()))
                .expectException(ConflictException.class)
                .expectExceptionMessage("pilot 'p1' is INCLUDED; only a pilot that is PROPOSED can be included")
                .expectNoEvents();
        fixture.given(proposed(), new PilotWithdrawn("p1", "siv", INCLUDED_ON, "No time"))
                .when(include(INCLUDED_ON, 4, List.of()))
                .expectException(ConflictException.class)
                .expectExceptionMessage("pilot 'p1' is WITHDRAWN; only a pilot that is PROPOSED can be included")
                .expectNoEvents();
    }

    // --- conclusion

    @Test
    void concludesAnIncludedPilotOnItsInclusionDayOrLater() {
        fixture.given(proposed(), included())
                .when(conclude(INCLUDED_ON, " Concept formulated "))
                .expectEvents(new PilotConcluded("p1", "siv", INCLUDED_ON, "Concept formulated"));
        fixture.given(proposed(), included())
                .when(conclude(LocalDate.parse("2025-06-30"), "Done"))
                .expectEvents(new PilotConcluded("p1", "siv", LocalDate.parse("2025-06-30"), "Done"));
    }

    @Test
    void aPilotIsNotConcludedBeforeItWasIncluded() {
        fixture.given(proposed(), included())
                .when(conclude(INCLUDED_ON.minusDays(1), "Done"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("concludedOn cannot be before the pilot was included, on 2024-03-25 (was 2024-03-24)")
                .expectNoEvents();
    }

    @Test
    void aConclusionNeedsADateInsideThePeriod() {
        fixture.given(proposed(), included())
                .when(conclude(PERIOD_END.plusDays(1), "Done"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("concludedOn must lie inside the project period 2023-10-01 to 2026-09-30, not 2026-10-01")
                .expectNoEvents();
    }

    @Test
    void onlyAnIncludedPilotCanBeConcluded() {
        fixture.given(proposed())
                .when(conclude(INCLUDED_ON, "Done"))
                .expectException(ConflictException.class)
                .expectExceptionMessage("pilot 'p1' is PROPOSED; only a pilot that is INCLUDED can be concluded")
                .expectNoEvents();
        fixture.given(proposed(), included(), new PilotConcluded("p1", "siv", INCLUDED_ON, "Done"))
                .when(conclude(INCLUDED_ON, "Done again"))
                .expectException(ConflictException.class)
                .expectExceptionMessage("pilot 'p1' is CONCLUDED; only a pilot that is INCLUDED can be concluded")
                .expectNoEvents();
    }

    // --- withdrawal

    @Test
    void withdrawsAProposedOrIncludedPilot() {
        fixture.given(proposed())
                .when(withdraw(LocalDate.parse("2024-01-15"), " Group dissolved "))
                .expectEvents(new PilotWithdrawn("p1", "siv", LocalDate.parse("2024-01-15"), "Group dissolved"));
        fixture.given(proposed(), included())
                .when(withdraw(INCLUDED_ON, "Group dissolved"))
                .expectEvents(new PilotWithdrawn("p1", "siv", INCLUDED_ON, "Group dissolved"));
    }

    @Test
    void anIncludedPilotIsNotWithdrawnBeforeItWasIncluded() {
        fixture.given(proposed(), included())
                .when(withdraw(INCLUDED_ON.minusDays(10), "Group dissolved"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("withdrawnOn cannot be before the pilot was included, on 2024-03-25 (was 2024-03-15)")
                .expectNoEvents();
    }

    @Test
    void aWithdrawalNeedsADateInsideThePeriod() {
        fixture.given(proposed())
                .when(withdraw(PERIOD_START.minusDays(1), "Reason"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("withdrawnOn must lie inside the project period 2023-10-01 to 2026-09-30, not 2023-09-30")
                .expectNoEvents();
    }

    @Test
    void aConcludedOrWithdrawnPilotCannotBeWithdrawn() {
        fixture.given(proposed(), included(), new PilotConcluded("p1", "siv", INCLUDED_ON, "Done"))
                .when(withdraw(INCLUDED_ON, "Reason"))
                .expectException(ConflictException.class)
                .expectExceptionMessage("pilot 'p1' is CONCLUDED; only a pilot that is PROPOSED or INCLUDED can be withdrawn")
                .expectNoEvents();
        fixture.given(proposed(), new PilotWithdrawn("p1", "siv", INCLUDED_ON, "Reason"))
                .when(withdraw(INCLUDED_ON, "Another reason"))
                .expectException(ConflictException.class)
                .expectExceptionMessage("pilot 'p1' is WITHDRAWN; only a pilot that is PROPOSED or INCLUDED can be withdrawn")
                .expectNoEvents();
    }

    @Test
    void aWithdrawnPilotCannotBeConcluded() {
        fixture.given(proposed(), included(), new PilotWithdrawn("p1", "siv", INCLUDED_ON, "Reason"))
                .when(conclude(INCLUDED_ON, "Done"))
                .expectException(ConflictException.class)
                .expectExceptionMessage("pilot 'p1' is WITHDRAWN; only a pilot that is INCLUDED can be concluded")
                .expectNoEvents();
    }

    // --- versions

    @Test
    void anUpdateWithTheCurrentVersionIsAcceptedAndWithAnOlderOneRefused() {
        fixture.given(proposed(), included())
                .when(new ConcludePilot("p1", INCLUDED_ON, "Done", 1L))
                .expectEvents(new PilotConcluded("p1", "siv", INCLUDED_ON, "Done"));
        fixture.given(proposed(), included())
                .when(new ConcludePilot("p1", INCLUDED_ON, "Done", 0L))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }
}
