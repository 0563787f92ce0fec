package se.samverkan.query.activity;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.events.Country;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.Participants;
import se.samverkan.events.activity.ActivityCancelled;
import se.samverkan.events.activity.MeetingHeld;
import se.samverkan.events.activity.MeetingKind;
import se.samverkan.events.activity.WorkshopHeld;
import se.samverkan.events.organisation.OrganisationRegistered;
import se.samverkan.query.activity.Activities.Activity;
import se.samverkan.query.activity.Activities.Filter;
import se.samverkan.query.activity.Activities.MonthCount;
import se.samverkan.query.activity.Activities.Participation;
import se.samverkan.query.activity.Activities.Summary;
import se.samverkan.query.activity.Activities.WorkPackageCount;
import se.samverkan.query.organisation.OrganisationProjection;
import se.samverkan.query.organisation.OrganisationRef;
import se.samverkan.query.organisation.Organisations;
import se.samverkan.query.support.EventFeed;
import se.samverkan.query.support.ProjectionDatabase;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;

/** The activity projection alone, fed events directly, read through Activities. */
class ActivityProjectionIT {

    private static ProjectionDatabase database;
    private static Activities activities;
    private static EventFeed feed;

    private final String project = "activities-" + UUID.randomUUID().toString().substring(0, 8);
    private final OrgNumber coompanion = OrgNumber.of(randomSwedish());
    private final OrgNumber region = OrgNumber.of(randomSwedish());

    @BeforeAll
    static void projection() {
        database = ProjectionDatabase.create();
        activities = new Activities(database.jdbc(), new Organisations(database.jdbc()));
        // organisations are named from their own read model, fed beside
        feed = EventFeed.into(new ActivityProjection(database.jdbc(), database.writes()), new OrganisationProjection(database.jdbc(), database.writes()));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    private void registerOrganisations() {
        feed.publish("org-c", new OrganisationRegistered("org-c", coompanion, "Coompanion Värmland", Country.SE,
                OrganisationCategory.CIVIL_SOCIETY));
        feed.publish("org-r", new OrganisationRegistered("org-r", region, "Region Värmland", Country.SE,
                OrganisationCategory.PUBLIC_SECTOR));
    }

    private MeetingHeld meeting(String id, int workPackage, MeetingKind kind, String date, Participants participants) {
        return new MeetingHeld(id, project, workPackage, kind, LocalDate.parse(date), "Meeting " + id,
                List.of(coompanion, region), participants, "notes of " + id);
    }

    @Test
    void listsMeetingsAndWorkshopsInDateOrderWithTheirOrganisationsNamed() {
        registerOrganisations();
        feed.publish(project + "-w", new WorkshopHeld(project + "-w", project, 2, LocalDate.parse("2024-03-14"), "Workshop",
                "Young entrepreneurs", List.of(region), new Participants(7, 5, 1), "Three ideas"));
        feed.publish(project + "-m", meeting(project + "-m", 1, MeetingKind.MAPPING, "2024-02-01", new Participants(2, 1, 0)));

        List<Activity> listed = activities.list(project, Filter.NONE);

        assertThat(listed).extracting(Activity::id).containsExactly(project + "-m", project + "-w");
        Activity meeting = listed.get(0);
        assertThat(meeting.type()).isEqualTo(ActivityProjection.MEETING);
        assertThat(meeting.kind()).isEqualTo("MAPPING");
        assertThat(meeting.workPackage()).isEqualTo(1);
        assertThat(meeting.date()).isEqualTo(LocalDate.parse("2024-02-01"));
        assertThat(meeting.notes()).isEqualTo("notes of " + project + "-m");
        assertThat(meeting.participants()).isEqualTo(new Participation(2, 1, 0, 3));
        assertThat(meeting.organisations()).containsExactly(
                new OrganisationRef(coompanion.value(), "Coompanion Värmland", "CIVIL_SOCIETY"),
                new OrganisationRef(region.value(), "Region Värmland", "PUBLIC_SECTOR"));
        assertThat(meeting.cancelled()).isFalse();
        Activity workshop = listed.get(1);
        assertThat(workshop.type()).isEqualTo(ActivityProjection.WORKSHOP);
        assertThat(workshop.kind()).isNull();
        assertThat(workshop.targetGroup()).isEqualTo("Young entrepreneurs");
        assertThat(workshop.outcome()).isEqualTo("Three ideas");
        assertThat(workshop.participants()).isEqualTo(new Participation(7, 5, 1, 13));
    }

    @Test
    void filtersByWorkPackageAndInclusiveDates() {
        feed.publish(project + "-a", meeting(project + "-a", 1, MeetingKind.PLANNING, "2024-01-31", null));
        feed.publish(project + "-b", meeting(project + "-b", 1, MeetingKind.CHECK_IN, "2024-02-01", null));
        feed.publish(project + "-c", meeting(project + "-c", 2, MeetingKind.CHECK_IN, "2024-02-29", null));
        feed.publish(project + "-d", meeting(project + "-d", 1, MeetingKind.RETRO, "2024-03-01", null));

        assertThat(activities.list(project, new Filter(1, null, null))).extracting(Activity::id)
                .containsExactly(project + "-a", project + "-b", project + "-d");
        assertThat(activities.list(project, new Filter(null, LocalDate.parse("2024-02-01"), LocalDate.parse("2024-02-29"))))
                .extracting(Activity::id).containsExactly(project + "-b", project + "-c");
        assertThat(activities.list(project, new Filter(1, LocalDate.parse("2024-02-01"), LocalDate.parse("2024-02-29"))))
                .extracting(Activity::id).containsExactly(project + "-b");
        // an activity without participants counts none
        assertThat(activities.participation(project)).isEqualTo(new Participation(0, 0, 0, 0));
    }

    @Test
    void aCancelledActivityIsListedAsSuchAndCountedOnlyAsCancelled() {
        feed.publish(project + "-held", meeting(project + "-held", 1, MeetingKind.MAPPING, "2024-02-01", new Participants(3, 2, 0)));
        feed.publish(project + "-w", new WorkshopHeld(project + "-w", project, 2, LocalDate.parse("2024-03-14"), "Workshop",
                "Students", List.of(), new Participants(10, 10, 0), null));
        feed.publish(project + "-off", meeting(project + "-off", 1, MeetingKind.FOLLOW_UP, "2024-02-20", new Participants(4, 4, 4)));
        feed.publish(project + "-off", new ActivityCancelled(project + "-off", project, "Nobody could come"));

        Activity cancelled = activities.list(project, Filter.NONE).stream()
                .filter(activity -> activity.id().equals(project + "-off")).findFirst().orElseThrow();
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.cancellationReason()).isEqualTo("Nobody could come");

        Summary summary = activities.summary(project);
        assertThat(summary.total()).isEqualTo(2);
        assertThat(summary.meetings()).isEqualTo(1);
        assertThat(summary.workshops()).isEqualTo(1);
        assertThat(summary.cancelled()).isEqualTo(1);
        assertThat(summary.byWorkPackage()).containsExactly(
                new WorkPackageCount(1, 1, 0, Map.of("MAPPING", 1)),
                new WorkPackageCount(2, 0, 1, Map.of()));
        assertThat(summary.byMonth()).containsExactly(new MonthCount("2024-02", 1, 1), new MonthCount("2024-03", 2, 1));
        assertThat(activities.participation(project)).isEqualTo(new Participation(13, 12, 0, 25));
    }

    @Test
    void aRepeatedDeliveryChangesNothing() {
        TrackedEventMessage<?> held = feed.publish(project + "-m",
                meeting(project + "-m", 1, MeetingKind.MAPPING, "2024-02-01", new Participants(1, 1, 1)));
        TrackedEventMessage<?> cancelled = feed.publish(project + "-m", new ActivityCancelled(project + "-m", project, "Storm"));
        List<Activity> before = activities.list(project, Filter.NONE);

        // a processor that crashed before storing its token delivers both again, in order
        feed.deliver(held);
        feed.deliver(cancelled);

        assertThat(activities.list(project, Filter.NONE)).isEqualTo(before).hasSize(1);
        assertThat(activities.summary(project).cancelled()).isEqualTo(1);
        assertThat(activities.participation(project)).isEqualTo(new Participation(0, 0, 0, 0));
    }
}
