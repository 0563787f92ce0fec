package se.samverkan.query.indicator;

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
import se.samverkan.events.pilot.PilotIncluded;
import se.samverkan.events.project.CountingRule;
import se.samverkan.events.project.IndicatorDefined;
import se.samverkan.query.indicator.Indicators.CountedOrganisation;
import se.samverkan.query.indicator.Indicators.EngagedOrganisation;
import se.samverkan.query.indicator.Indicators.Evidence;
import se.samverkan.query.indicator.Indicators.Indicator;
import se.samverkan.query.organisation.OrganisationProjection;
import se.samverkan.query.organisation.Organisations;
import se.samverkan.query.project.Projects;
import se.samverkan.query.support.EventFeed;
import se.samverkan.query.support.ProjectionDatabase;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;

/**
 * The engagement projection alone, fed events directly, read through Indicators: the derived counting rules count
 * each organisation once, in the year it first took part, and a cancelled activity counts nowhere.
 */
class EngagementProjectionIT {

    private static ProjectionDatabase database;
    private static Indicators indicators;
    private static EventFeed feed;

    private final String projectId = "engagements-" + UUID.randomUUID().toString().substring(0, 8);
    private final Projects.Project project = new Projects.Project(projectId, "2022-04711", "Social innovation",
            "Regional development", LocalDate.parse("2023-01-01"), LocalDate.parse("2024-12-31"), randomSwedish());
    private final OrgNumber municipality = register("Municipality", OrganisationCategory.PUBLIC_SECTOR);
    private final OrgNumber company = register("Company", OrganisationCategory.COMPANY);
    private final OrgNumber university = register("University", OrganisationCategory.ACADEMIA);
    private final OrgNumber cancelledOnly = register("Cancelled only", OrganisationCategory.COMPANY);
    private final OrgNumber incubator = register("Incubator", OrganisationCategory.BUSINESS_SUPPORT);

    @BeforeAll
    static void projection() {
        database = ProjectionDatabase.create();
        indicators = new Indicators(database.jdbc(), new Organisations(database.jdbc()));
        // definitions and categories come from their own read models, fed beside
        feed = EventFeed.into(new EngagementProjection(database.jdbc(), database.writes()), new IndicatorProjection(database.jdbc(), database.writes()),
                new OrganisationProjection(database.jdbc(), database.writes()));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    private static OrgNumber register(String name, OrganisationCategory category) {
        OrgNumber number = OrgNumber.of(randomSwedish());
        feed.publish("org-" + number, new OrganisationRegistered("org-" + number, number, name, Country.SE, category));
        return number;
    }

    private MeetingHeld meeting(String id, String date, List<OrgNumber> organisations) {
        return new MeetingHeld(id, projectId, 1, MeetingKind.MAPPING, LocalDate.parse(date), "Meeting", organisations,
                Participants.NONE, null);
    }

    @Test
    void theDerivedRulesCountEachOrganisationOnceInTheYearItFirstTookPart() {
        feed.publish(projectId, new IndicatorDefined(projectId, "ENGAGED", "Organisations engaged", "organisations",
                new BigDecimal("8"), CountingRule.ORGANISATIONS_ENGAGED));
        feed.publish(projectId, new IndicatorDefined(projectId, "INSTITUTIONAL", "Institutions engaged", "organisations",
                new BigDecimal("4"), CountingRule.INSTITUTIONAL_ORGANISATIONS_ENGAGED));
        String first = projectId + "-m1";
        String workshop = projectId + "-w1";
        String cancelled = projectId + "-m2";
        TrackedEventMessage<?> firstMeeting = feed.publish(first, meeting(first, "2023-05-10", List.of(municipality, company)));
        TrackedEventMessage<?> workshopHeld = feed.publish(workshop, new WorkshopHeld(workshop, projectId, 2,
                LocalDate.parse("2024-02-01"), "Workshop", "Students", List.of(university, municipality), Participants.NONE, null));
        feed.publish(cancelled, meeting(cancelled, "2024-03-01", List.of(cancelledOnly)));
        feed.publish(cancelled, new ActivityCancelled(cancelled, projectId, "Nobody could come"));
        // a pilot may carry the same id as the cancelled meeting (clients choose ids independently): it still counts
        TrackedEventMessage<?> pilot = feed.publish(cancelled, new PilotIncluded(cancelled, projectId,
                LocalDate.parse("2024-06-01"), 4, List.of(incubator, company)));

        List<Indicator> progress = indicators.progress(project, LocalDate.parse("2024-12-31"));

        Indicator engaged = progress.get(0);
        assertThat(engaged.countingRule()).isEqualTo("ORGANISATIONS_ENGAGED");
        assertThat(engaged.byYear()).hasToString("{2023=2, 2024=2}");
        assertThat(engaged.total()).isEqualByComparingTo("4");
        assertThat(engaged.expectedByNow()).isEqualByComparingTo("8");
        assertThat(engaged.behind()).isTrue();
        Evidence atFirstMeeting = new Evidence(EventFeed.indexOf(firstMeeting), "MeetingHeld", first, LocalDate.parse("2023-05-10"));
        Evidence atWorkshop = new Evidence(EventFeed.indexOf(workshopHeld), "WorkshopHeld", workshop, LocalDate.parse("2024-02-01"));
        Evidence atInclusion = new Evidence(EventFeed.indexOf(pilot), "PilotIncluded", cancelled, LocalDate.parse("2024-06-01"));
        // the same first day: by number
        List<CountedOrganisation> firstYear = Stream.of(
                new CountedOrganisation(municipality.value(), "Municipality", "PUBLIC_SECTOR", 2023, List.of(atFirstMeeting, atWorkshop)),
                new CountedOrganisation(company.value(), "Company", "COMPANY", 2023, List.of(atFirstMeeting, atInclusion)))
                .sorted(Comparator.comparing(CountedOrganisation::orgNumber)).toList();
        assertThat(engaged.organisations()).containsExactly(firstYear.get(0), firstYear.get(1),
                new CountedOrganisation(university.value(), "University", "ACADEMIA", 2024, List.of(atWorkshop)),
                new CountedOrganisation(incubator.value(), "Incubator", "BUSINESS_SUPPORT", 2024, List.of(atInclusion)));

        Indicator institutional = progress.get(1);
        assertThat(institutional.byYear()).hasToString("{2023=1, 2024=2}");
        assertThat(institutional.organisations()).extracting(CountedOrganisation::orgNumber)
                .containsExactly(municipality.value(), university.value(), incubator.value());

        assertThat(indicators.engagedOrganisations(projectId)).containsExactly(
                new EngagedOrganisation(firstYear.get(0).orgNumber(), firstYear.get(0).name(), firstYear.get(0).category(),
                        LocalDate.parse("2023-05-10")),
                new EngagedOrganisation(firstYear.get(1).orgNumber(), firstYear.get(1).name(), firstYear.get(1).category(),
                        LocalDate.parse("2023-05-10")),
                new EngagedOrganisation(university.value(), "University", "ACADEMIA", LocalDate.parse("2024-02-01")),
                new EngagedOrganisation(incubator.value(), "Incubator", "BUSINESS_SUPPORT", LocalDate.parse("2024-06-01")));
    }

    @Test
    void anActivityDeliveredAgainIsNotCountedTwice() {
        feed.publish(projectId, new IndicatorDefined(projectId, "ENGAGED", "Organisations engaged", "organisations",
                new BigDecimal("8"), CountingRule.ORGANISATIONS_ENGAGED));
        String id = projectId + "-m";
        TrackedEventMessage<?> held = feed.publish(id, meeting(id, "2023-05-10", List.of(municipality)));

        feed.deliver(held);

        Indicator engaged = indicators.progress(project, LocalDate.parse("2024-12-31")).get(0);
        assertThat(engaged.total()).isEqualByComparingTo("1");
        assertThat(engaged.organisations()).singleElement()
                .satisfies(counted -> assertThat(counted.evidence()).hasSize(1));
    }
}
