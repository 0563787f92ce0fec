package se.samverkan.query.pilot;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.events.Country;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.organisation.OrganisationRegistered;
import se.samverkan.events.pilot.PilotConcluded;
import se.samverkan.events.pilot.PilotIncluded;
import se.samverkan.events.pilot.PilotProposed;
import se.samverkan.events.pilot.PilotStatus;
import se.samverkan.events.pilot.PilotWithdrawn;
import se.samverkan.query.organisation.OrganisationProjection;
import se.samverkan.query.organisation.OrganisationRef;
import se.samverkan.query.organisation.Organisations;
import se.samverkan.query.pilot.Pilots.Pilot;
import se.samverkan.query.support.EventFeed;
import se.samverkan.query.support.ProjectionDatabase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;

/** The pilot projection alone, fed events directly, read through Pilots. */
class PilotProjectionIT {

    private static ProjectionDatabase database;
    private static Pilots pilots;
    private static EventFeed feed;

    private final String project = "pilots-" + UUID.randomUUID().toString().substring(0, 8);
    private final OrgNumber proposer = OrgNumber.of(randomSwedish());
    private final OrgNumber member = OrgNumber.of(randomSwedish());

    @BeforeAll
    static void projection() {
        database = ProjectionDatabase.create();
        pilots = new Pilots(database.jdbc(), new Organisations(database.jdbc()));
        // organisations are named from their own read model, fed beside
        feed = EventFeed.into(new PilotProjection(database.jdbc(), database.writes()), new OrganisationProjection(database.jdbc(), database.writes()));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    private Pilot only() {
        List<Pilot> listed = pilots.list(project);
        assertThat(listed).hasSize(1);
        return listed.get(0);
    }

    @Test
    void aPilotGoesFromProposedThroughIncludedToConcluded() {
        feed.publish("org-p", new OrganisationRegistered("org-p", proposer, "Coompanion Värmland", Country.SE,
                OrganisationCategory.CIVIL_SOCIETY));
        Instant proposedAt = Instant.parse("2024-03-01T09:30:00Z");
        String pilot = project + "-p";
        feed.at(proposedAt).publish(pilot, new PilotProposed(pilot, project, "Shared kitchen", "Food waste", proposer));

        Pilot proposed = only();
        assertThat(proposed.status()).isEqualTo(PilotStatus.PROPOSED);
        assertThat(proposed.name()).isEqualTo("Shared kitchen");
        assertThat(proposed.challenge()).isEqualTo("Food waste");
        assertThat(proposed.proposedBy()).isEqualTo(new OrganisationRef(proposer.value(), "Coompanion Värmland", "CIVIL_SOCIETY"));
        assertThat(proposed.proposedAt()).isEqualTo(proposedAt);
        assertThat(proposed.includedOn()).isNull();
        assertThat(proposed.members()).isNull();
        assertThat(proposed.workingGroup()).isEmpty();

        feed.publish(pilot, new PilotIncluded(pilot, project, LocalDate.parse("2024-04-02"), 6, List.of(proposer, member)));
        Pilot included = only();
        assertThat(included.status()).isEqualTo(PilotStatus.INCLUDED);
        assertThat(included.includedOn()).isEqualTo(LocalDate.parse("2024-04-02"));
        assertThat(included.members()).isEqualTo(6);
        // a member whose registration has not reached the read model yet is listed without name and category
        assertThat(included.workingGroup()).containsExactly(
                new OrganisationRef(proposer.value(), "Coompanion Värmland", "CIVIL_SOCIETY"),
                new OrganisationRef(member.value(), null, null));

        feed.publish(pilot, new PilotConcluded(pilot, project, LocalDate.parse("2024-11-30"), "Runs on its own"));
        Pilot concluded = only();
        assertThat(concluded.status()).isEqualTo(PilotStatus.CONCLUDED);
        assertThat(concluded.concludedOn()).isEqualTo(LocalDate.parse("2024-11-30"));
        assertThat(concluded.outcome()).isEqualTo("Runs on its own");
        assertThat(concluded.includedOn()).isEqualTo(LocalDate.parse("2024-04-02"));
        assertThat(concluded.withdrawnOn()).isNull();
    }

    @Test
    void aWithdrawnPilotKeepsItsReason() {
        String pilot = project + "-w";
        feed.publish(pilot, new PilotProposed(pilot, project, "Bike pool", "Transport", null));
        feed.publish(pilot, new PilotWithdrawn(pilot, project, LocalDate.parse("2024-05-15"), "No host found"));

        Pilot withdrawn = only();
        assertThat(withdrawn.status()).isEqualTo(PilotStatus.WITHDRAWN);
        assertThat(withdrawn.withdrawnOn()).isEqualTo(LocalDate.parse("2024-05-15"));
        assertThat(withdrawn.withdrawalReason()).isEqualTo("No host found");
        assertThat(withdrawn.proposedBy()).isNull();
    }

    @Test
    void pilotsAreListedInTheOrderTheyWereProposedAndOnlyForTheirProject() {
        feed.at(Instant.parse("2024-06-01T10:00:00Z")).publish(project + "-b", new PilotProposed(project + "-b", project, "B", "b", null));
        feed.at(Instant.parse("2024-05-01T10:00:00Z")).publish(project + "-a", new PilotProposed(project + "-a", project, "A", "a", null));
        feed.publish("elsewhere-" + project, new PilotProposed("elsewhere-" + project, "other-" + project, "C", "c", null));

        assertThat(pilots.list(project)).extracting(Pilot::name).containsExactly("A", "B");
    }

    @Test
    void aProposalDeliveredAgainAfterTheInclusionLeavesTheStatusAlone() {
        String pilot = project + "-r";
        TrackedEventMessage<?> proposed = feed.publish(pilot, new PilotProposed(pilot, project, "Repair café", "Waste", null));
        TrackedEventMessage<?> included = feed.publish(pilot,
                new PilotIncluded(pilot, project, LocalDate.parse("2024-04-02"), 3, List.of(member)));
        Pilot before = only();

        // a processor that crashed before storing its token delivers the pilot's events again, in order
        feed.deliver(proposed);
        assertThat(only().status()).isEqualTo(PilotStatus.INCLUDED);
        feed.deliver(included);

        assertThat(only()).isEqualTo(before);
    }
}
