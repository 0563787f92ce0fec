package se.samverkan.query.dashboard;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.events.Country;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.activity.ActivityCancelled;
import se.samverkan.events.organisation.OrganisationRegistered;
import se.samverkan.events.project.PartnerJoined;
import se.samverkan.events.project.PartnerRole;
import se.samverkan.events.project.ProjectCreated;
import se.samverkan.query.dashboard.RecentChanges.Change;
import se.samverkan.query.platform.eventstore.StoredTime;
import se.samverkan.query.support.EventFeed;
import se.samverkan.query.support.ProjectionDatabase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;

/** The recent-changes projection alone, fed events directly, read through RecentChanges. */
class RecentChangesProjectionIT {

    private static ProjectionDatabase database;
    private static RecentChanges recentChanges;
    private static EventFeed feed;

    private final String project = "changes-" + UUID.randomUUID().toString().substring(0, 8);
    private final OrgNumber beneficiary = OrgNumber.of(randomSwedish());

    @BeforeAll
    static void projection() {
        database = ProjectionDatabase.create();
        recentChanges = new RecentChanges(database.jdbc());
        feed = EventFeed.into(new RecentChangesProjection(database.jdbc(), database.writes()));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    private TrackedEventMessage<?> created(String projectId, Instant at) {
        return feed.at(at).publish(projectId, new ProjectCreated(projectId, "2022-04711", "Social innovation",
                "Regional development", LocalDate.parse("2023-10-01"), LocalDate.parse("2026-09-30"), beneficiary));
    }

    @Test
    void eachProjectEventIsALineNewestFirstWithWhenWhatAndWho() {
        Instant createdAt = Instant.parse("2024-05-02T08:00:00Z");
        TrackedEventMessage<?> creation = created(project, createdAt);
        OrgNumber partner = OrgNumber.of(randomSwedish());
        TrackedEventMessage<?> joined = feed.at(Instant.parse("2024-05-02T09:15:00Z"))
                .publish(project, new PartnerJoined(project, partner, PartnerRole.CO_FINANCIER));

        assertThat(recentChanges.latest(project, 10)).containsExactly(
                new Change(EventFeed.indexOf(joined), Instant.parse("2024-05-02T09:15:00Z"), "PartnerJoined",
                        "Partner " + partner + " joined as CO_FINANCIER", EventFeed.USER_ID),
                new Change(EventFeed.indexOf(creation), createdAt, "ProjectCreated",
                        "Project 'Social innovation' created (2023-10-01 to 2026-09-30)", EventFeed.USER_ID));
        assertThat(recentChanges.lastEventIndex(project)).isEqualTo(EventFeed.indexOf(joined));
        assertThat(recentChanges.latest(project, 1)).extracting(Change::eventIndex).containsExactly(EventFeed.indexOf(joined));
    }

    @Test
    void eventsOfNoProjectAndOfOtherProjectsAreNotInTheFeed() {
        assertThat(recentChanges.lastEventIndex(project)).isZero();
        feed.publish("org-" + beneficiary, new OrganisationRegistered("org-" + beneficiary, beneficiary, "Coompanion",
                Country.SE, OrganisationCategory.CIVIL_SOCIETY));
        created("other-" + project, Instant.parse("2024-05-02T08:00:00Z"));
        TrackedEventMessage<?> cancelled = feed.publish(project + "-m", new ActivityCancelled(project + "-m", project, "Storm"));

        List<Change> changes = recentChanges.latest(project, 10);

        assertThat(changes).extracting(Change::type, Change::summary).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ActivityCancelled", "Activity " + project + "-m cancelled: Storm"));
        assertThat(changes.get(0).eventIndex()).isEqualTo(EventFeed.indexOf(cancelled));
    }

    @Test
    void anEventWhoseStoredTimeCannotBeReadIsLeftOutAndTheNextOneStillComesIn() {
        created(project, StoredTime.UNKNOWN);
        TrackedEventMessage<?> cancelled = feed.at(Instant.parse("2024-06-01T12:00:00Z"))
                .publish(project + "-m", new ActivityCancelled(project + "-m", project, "Storm"));

        assertThat(recentChanges.latest(project, 10)).extracting(Change::eventIndex)
                .containsExactly(EventFeed.indexOf(cancelled));
    }

    @Test
    void aRepeatedDeliveryKeepsOneLine() {
        TrackedEventMessage<?> creation = created(project, Instant.parse("2024-05-02T08:00:00Z"));
        List<Change> before = recentChanges.latest(project, 10);

        feed.deliver(creation);

        assertThat(recentChanges.latest(project, 10)).isEqualTo(before).hasSize(1);
    }
}
