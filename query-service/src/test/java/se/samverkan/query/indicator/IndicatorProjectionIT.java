package se.samverkan.query.indicator;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.events.Country;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.organisation.OrganisationRegistered;
import se.samverkan.events.project.CountingRule;
import se.samverkan.events.project.IndicatorDefined;
import se.samverkan.events.project.IndicatorOutcomeRecorded;
import se.samverkan.query.indicator.Indicators.CountedOrganisation;
import se.samverkan.query.indicator.Indicators.Evidence;
import se.samverkan.query.indicator.Indicators.Indicator;
import se.samverkan.query.organisation.OrganisationProjection;
import se.samverkan.query.organisation.Organisations;
import se.samverkan.query.project.Projects;
import se.samverkan.query.support.EventFeed;
import se.samverkan.query.support.ProjectionDatabase;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;

/** The indicator projection alone (definitions and MANUAL outcomes), fed events directly, read through Indicators. */
class IndicatorProjectionIT {

    private static final LocalDate HALF_WAY = LocalDate.parse("2024-01-01");

    private static ProjectionDatabase database;
    private static Indicators indicators;
    private static EventFeed feed;

    private final String projectId = "indicators-" + UUID.randomUUID().toString().substring(0, 8);
    private final Projects.Project project = new Projects.Project(projectId, "2022-04711", "Social innovation",
            "Regional development", LocalDate.parse("2023-01-01"), LocalDate.parse("2024-12-31"), randomSwedish());

    @BeforeAll
    static void projection() {
        database = ProjectionDatabase.create();
        indicators = new Indicators(database.jdbc(), new Organisations(database.jdbc()));
        // organisations are named from their own read model, fed beside
        feed = EventFeed.into(new IndicatorProjection(database.jdbc(), database.writes()), new OrganisationProjection(database.jdbc(), database.writes()));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    private TrackedEventMessage<?> record(String code, int year, int value, List<OrgNumber> organisations) {
        return feed.publish(projectId, new IndicatorOutcomeRecorded(projectId, code, year, BigDecimal.valueOf(value),
                organisations, null));
    }

    @Test
    void manualOutcomesCountPerYearAndALaterOutcomeForAYearReplacesTheEarlierOne() {
        feed.publish(projectId, new IndicatorDefined(projectId, "PART", "Participants", "people", new BigDecimal("20"),
                CountingRule.MANUAL));
        feed.publish(projectId, new IndicatorDefined(projectId, "ORGS", "Organisations supported", "organisations",
                new BigDecimal("10.00"), CountingRule.MANUAL));
        OrgNumber registered = OrgNumber.of(randomSwedish());
        OrgNumber notYetRegistered = OrgNumber.of(randomSwedish());
        feed.publish("org-" + registered, new OrganisationRegistered("org-" + registered, registered, "Region Värmland",
                Country.SE, OrganisationCategory.PUBLIC_SECTOR));
        record("PART", 2023, 8, null);
        record("PART", 2024, 5, null);
        record("PART", 2023, 9, null);
        TrackedEventMessage<?> supported = feed.at(Instant.parse("2024-01-15T10:00:00Z"))
                .publish(projectId, new IndicatorOutcomeRecorded(projectId, "ORGS", 2023, BigDecimal.valueOf(2),
                        List.of(registered, notYetRegistered), "Both in the mapping"));

        List<Indicator> progress = indicators.progress(project, HALF_WAY);

        assertThat(progress).extracting(Indicator::code).containsExactly("PART", "ORGS");
        Indicator participants = progress.get(0);
        assertThat(participants.countingRule()).isEqualTo("MANUAL");
        assertThat(participants.byYear()).hasToString("{2023=9, 2024=5}");
        assertThat(participants.total()).isEqualByComparingTo("14");
        assertThat(participants.expectedByNow()).isEqualByComparingTo("10.0");
        assertThat(participants.behind()).isFalse();
        assertThat(participants.organisations()).isEmpty();

        Indicator organisations = progress.get(1);
        assertThat(organisations.target()).hasToString("10");
        assertThat(organisations.total()).hasToString("2");
        assertThat(organisations.expectedByNow()).isEqualByComparingTo("5.0");
        assertThat(organisations.behind()).isTrue();
        Evidence evidence = new Evidence(EventFeed.indexOf(supported), Indicators.OUTCOME_RECORDED, projectId,
                LocalDate.parse("2024-01-15"));
        assertThat(organisations.organisations()).containsExactly(
                new CountedOrganisation(registered.value(), "Region Värmland", "PUBLIC_SECTOR", 2023, List.of(evidence)),
                new CountedOrganisation(notYetRegistered.value(), null, null, 2023, List.of(evidence)));
    }

    @Test
    void anOlderOutcomeDeliveredAgainDoesNotReplaceTheNewerOne() {
        feed.publish(projectId, new IndicatorDefined(projectId, "PART", "Participants", "people", new BigDecimal("20"),
                CountingRule.MANUAL));
        TrackedEventMessage<?> first = record("PART", 2023, 8, null);
        record("PART", 2023, 12, null);

        // a replay from an older token, or a redelivery, hands the first outcome over again
        feed.deliver(first);

        Indicator participants = indicators.progress(project, HALF_WAY).get(0);
        assertThat(participants.byYear()).hasToString("{2023=12}");
        assertThat(participants.total()).isEqualByComparingTo("12");
    }

    @Test
    void aProjectWithoutDefinitionsHasNoIndicatorsAndOutcomesOfOtherProjectsDoNotCount() {
        assertThat(indicators.progress(project, HALF_WAY)).isEmpty();

        feed.publish(projectId, new IndicatorDefined(projectId, "PART", "Participants", "people", new BigDecimal("20"),
                CountingRule.MANUAL));
        String other = "other-" + projectId;
        feed.publish(other, new IndicatorOutcomeRecorded(other, "PART", 2023, BigDecimal.TEN, null, null));

        Indicator participants = indicators.progress(project, HALF_WAY).get(0);
        assertThat(participants.byYear()).isEmpty();
        assertThat(participants.total()).isEqualByComparingTo("0");
        assertThat(participants.behind()).isTrue();
    }
}
