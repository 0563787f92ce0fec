package se.samverkan.events.project;

import org.junit.jupiter.api.Test;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.Participants;
import se.samverkan.events.activity.ActivityCancelled;
import se.samverkan.events.activity.MeetingHeld;
import se.samverkan.events.activity.MeetingKind;
import se.samverkan.events.activity.WorkshopHeld;
import se.samverkan.events.pilot.PilotIncluded;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IndicatorCountingTest {

    private static final String REGION = "232100-0164";
    private static final String COMPANY = "556036-0793";
    private static final String UNIVERSITY = "202100-5489";
    private static final String UNREGISTERED = "559999-9998";
    private static final Map<String, OrganisationCategory> CATEGORIES = Map.of(REGION, OrganisationCategory.PUBLIC_SECTOR,
            COMPANY, OrganisationCategory.COMPANY, UNIVERSITY, OrganisationCategory.ACADEMIA);

    /** An engagement as a service keeps it, with an index of its own as evidence. */
    record Row(String orgNumber, LocalDate engagedOn, long eventIndex) implements IndicatorCounting.Engagement {
    }

    private static Row row(String orgNumber, String date, long eventIndex) {
        return new Row(orgNumber, LocalDate.parse(date), eventIndex);
    }

    @Test
    void eachOrganisationCountsOnceInTheYearOfItsFirstEngagementWithEveryEngagementAsEvidence() {
        // delivered out of date order, as events of different activities may be; the same day keeps the given order
        List<IndicatorCounting.Counted<Row>> engaged = IndicatorCounting.firstEngagements(List.of(
                row(COMPANY, "2024-03-01", 30),
                row(UNIVERSITY, "2024-01-15", 10),
                row(COMPANY, "2023-11-20", 40),
                row(UNIVERSITY, "2024-01-15", 20)));

        assertThat(engaged).extracting(IndicatorCounting.Counted::orgNumber).containsExactly(COMPANY, UNIVERSITY);
        assertThat(engaged.get(0).firstEngagedOn()).isEqualTo(LocalDate.of(2023, 11, 20));
        assertThat(engaged.get(0).year()).isEqualTo(2023);
        assertThat(engaged.get(0).engagements()).extracting(Row::eventIndex).containsExactly(40L, 30L);
        assertThat(engaged.get(1).engagements()).extracting(Row::eventIndex).containsExactly(10L, 20L);
        assertThat(engaged.get(1).year()).isEqualTo(2024);
    }

    @Test
    void organisationsEngagedCountsEveryOrganisationInTheYearOfItsFirstEngagement() {
        List<Row> engagements = List.of(row(REGION, "2023-11-10", 1), row(COMPANY, "2023-11-10", 1),
                row(REGION, "2024-03-01", 2), row(UNIVERSITY, "2024-03-01", 2), row(UNREGISTERED, "2024-04-01", 3));

        IndicatorCounting.Outcome<Row> outcome = IndicatorCounting.count(CountingRule.ORGANISATIONS_ENGAGED,
                Map.of(2023, new BigDecimal("99")), engagements, CATEGORIES::get);

        assertThat(outcome.byYear()).containsExactly(Map.entry(2023, BigDecimal.valueOf(2)), Map.entry(2024, BigDecimal.valueOf(2)));
        assertThat(outcome.total()).isEqualByComparingTo("4");
        assertThat(outcome.organisations()).extracting(IndicatorCounting.Counted::orgNumber)
                .containsExactly(REGION, COMPANY, UNIVERSITY, UNREGISTERED); // the same first day: by number
    }

    @Test
    void institutionalOrganisationsEngagedCountsOnlyInstitutionalCategoriesAndNoOrganisationOfUnknownCategory() {
        // the company first engaged before the university: it is not institutional, so the university counts alone
        List<Row> engagements = List.of(row(COMPANY, "2023-01-10", 1), row(UNIVERSITY, "2024-02-01", 2),
                row(REGION, "2024-05-01", 3), row(REGION, "2023-12-01", 4), row(UNREGISTERED, "2023-01-10", 1));

        IndicatorCounting.Outcome<Row> outcome = IndicatorCounting.count(CountingRule.INSTITUTIONAL_ORGANISATIONS_ENGAGED,
                Map.of(), engagements, CATEGORIES::get);

        assertThat(outcome.byYear()).containsExactly(Map.entry(2023, BigDecimal.ONE), Map.entry(2024, BigDecimal.ONE));
        assertThat(outcome.total()).isEqualByComparingTo("2");
        assertThat(outcome.organisations()).extracting(IndicatorCounting.Counted::orgNumber).containsExactly(REGION, UNIVERSITY);
        assertThat(outcome.organisations().get(0).year()).isEqualTo(2023);
    }

    @Test
    void manualCountsTheRecordedValuePerYearAndIgnoresEngagements() {
        IndicatorCounting.Outcome<Row> outcome = IndicatorCounting.count(CountingRule.MANUAL,
                Map.of(2024, new BigDecimal("5"), 2023, new BigDecimal("2.5")), List.of(row(REGION, "2023-01-01", 1)),
                CATEGORIES::get);

        assertThat(outcome.byYear()).containsExactly(Map.entry(2023, new BigDecimal("2.5")), Map.entry(2024, new BigDecimal("5")));
        assertThat(outcome.total()).isEqualByComparingTo("7.5");
        assertThat(outcome.organisations()).isEmpty();
    }

    @Test
    void aManualOutcomeGivenAsOrganisationsCountsThem() {
        assertThat(IndicatorCounting.manualValue(new IndicatorOutcomeRecorded("p", "c", 2024, null,
                List.of(OrgNumber.of(REGION), OrgNumber.of(COMPANY)), ""))).isEqualByComparingTo("2");
        assertThat(IndicatorCounting.manualValue(new IndicatorOutcomeRecorded("p", "c", 2024, new BigDecimal("12.5"),
                List.of(), ""))).isEqualByComparingTo("12.5");
    }

    @Test
    void nothingEngagedCountsNothing() {
        IndicatorCounting.Outcome<Row> outcome = IndicatorCounting.count(CountingRule.ORGANISATIONS_ENGAGED, Map.of(), List.of(),
                CATEGORIES::get);
        assertThat(outcome.byYear()).isEmpty();
        assertThat(outcome.total()).isEqualByComparingTo("0");
    }

    @Test
    void aCancellationRemovesTheActivitysEngagementsNeverAPilots() {
        LocalDate day = LocalDate.of(2024, 3, 1);
        List<OrgNumber> organisations = List.of(OrgNumber.of(REGION));
        IndicatorCounting.Recorded meeting = IndicatorCounting.recorded(new MeetingHeld("same-id", "p", 1, MeetingKind.MAPPING, day,
                "Möte", organisations, Participants.NONE, ""));
        IndicatorCounting.Recorded workshop = IndicatorCounting.recorded(new WorkshopHeld("same-id", "p", 1, day, "Workshop",
                "Aktörer", organisations, Participants.NONE, ""));
        IndicatorCounting.Recorded pilot = IndicatorCounting.recorded(new PilotIncluded("same-id", "p", day, 3, organisations));

        IndicatorCounting.Removed removed = IndicatorCounting.removed(new ActivityCancelled("same-id", "p", "inställt"));

        assertThat(List.of(meeting, workshop)).allSatisfy(activity -> {
            assertThat(activity.source()).isEqualTo(removed.source());
            assertThat(activity.sourceId()).isEqualTo(removed.sourceId());
        });
        assertThat(pilot.source()).isNotEqualTo(removed.source());
        assertThat(removed.source().eventTypes()).containsExactly("MeetingHeld", "WorkshopHeld");
        assertThat(pilot.source().eventTypes()).containsExactly("PilotIncluded");
    }

    @Test
    void anEventWithoutOrganisationsEngagesNone() {
        assertThat(IndicatorCounting.recorded(new PilotIncluded("pilot", "p", LocalDate.of(2024, 3, 1), 3, null)).organisations())
                .isEmpty();
    }
}
