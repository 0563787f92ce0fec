package se.samverkan.command.report;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.command.support.CommandServiceIT;
import se.samverkan.command.support.HttpApi.Answer;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.Participants;
import se.samverkan.events.activity.ActivityCancelled;
import se.samverkan.events.activity.MeetingHeld;
import se.samverkan.events.activity.MeetingKind;
import se.samverkan.events.activity.WorkshopHeld;
import se.samverkan.events.pilot.PilotIncluded;
import se.samverkan.events.project.CountingRule;
import se.samverkan.events.project.IndicatorDefined;
import se.samverkan.events.project.IndicatorOutcomeRecorded;
import se.samverkan.events.report.IndicatorOutcomeSnapshot;
import se.samverkan.events.report.ProgressReportDrafted;
import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.HashChain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;

/**
 * The report feature's lookups on the real PostgreSQL, fed by calling their event handlers directly
 * (as the event bus does in a command's transaction), so they need no other feature's API.
 */
class ReportLookupIT extends CommandServiceIT {

    @Autowired
    ReportLookup reports;

    @Autowired
    IndicatorTallyLookup tally;

    @Autowired
    StoredReportChain chain;

    @Test
    void reportNumbersAreUniquePerProjectEvenWhenTheAggregateCheckIsRaced() {
        String project = uniqueId("proj");
        String first = uniqueId("report");
        String second = uniqueId("report");
        LocalDate start = LocalDate.of(2024, 2, 1);
        LocalDate end = LocalDate.of(2024, 5, 31);
        reports.on(new ProgressReportDrafted(first, project, 1, start, end));

        assertThatThrownBy(() -> reports.on(new ProgressReportDrafted(second, project, 1, start, end)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already has report number 1, with the id '" + first + "'");
        reports.on(new ProgressReportDrafted(first, project, 1, start, end)); // the same report again is no conflict
        reports.on(new ProgressReportDrafted(uniqueId("report"), uniqueId("proj"), 1, start, end));

        assertThat(reports.find(first)).contains(new ReportDirectory.KnownReport(first, project, 1));
        assertThat(reports.find(second)).isEmpty();
        assertThat(reports.findByNumber(project, 1)).map(ReportDirectory.KnownReport::reportId).contains(first);
        assertThat(reports.findByNumber(project, 2)).isEmpty();
    }

    @Test
    void snapshotsManualOutcomesAndEngagedOrganisationsInTheYearOfTheirFirstEngagement() {
        OrgNumber region = OrgNumber.of(registerOrganisation("PUBLIC_SECTOR"));
        OrgNumber company = OrgNumber.of(registerOrganisation("COMPANY"));
        OrgNumber university = OrgNumber.of(registerOrganisation("ACADEMIA"));
        OrgNumber unregistered = OrgNumber.of(randomSwedish());
        String project = uniqueId("proj");
        String otherProject = uniqueId("proj");

        tally.on(new IndicatorDefined(project, "stod", "Organisationer som får stöd", "organisationer", new BigDecimal("15"), CountingRule.MANUAL));
        tally.on(new IndicatorDefined(project, "engagerade", "Engagerade organisationer", "organisationer", new BigDecimal("20"),
                CountingRule.ORGANISATIONS_ENGAGED));
        tally.on(new IndicatorDefined(project, "institutionella", "Institutionella intressenter", "organisationer", new BigDecimal("10"),
                CountingRule.INSTITUTIONAL_ORGANISATIONS_ENGAGED));

        tally.on(new IndicatorOutcomeRecorded(project, "stod", 2023, new BigDecimal("2"), List.of(), "rapport 1"));
        tally.on(new IndicatorOutcomeRecorded(project, "stod", 2024, null, List.of(region, company, university), "rapport 2"));
        tally.on(new IndicatorOutcomeRecorded(project, "stod", 2024, new BigDecimal("5"), List.of(), "rättad")); // replaces 3

        tally.on(new MeetingHeld(uniqueId("meeting"), project, 1, MeetingKind.MAPPING, LocalDate.of(2023, 11, 10), "Kartläggning",
                List.of(region, company), Participants.NONE, ""));
        tally.on(new WorkshopHeld(uniqueId("workshop"), project, 2, LocalDate.of(2024, 3, 1), "Workshop", "Aktörer",
                List.of(region, university), Participants.NONE, ""));
        String cancelled = uniqueId("meeting");
        tally.on(new MeetingHeld(cancelled, project, 1, MeetingKind.PLANNING, LocalDate.of(2023, 12, 1), "Inställt",
                List.of(university), Participants.NONE, ""));
        tally.on(new ActivityCancelled(cancelled, project, "sjukdom"));
        tally.on(new PilotIncluded(uniqueId("pilot"), project, LocalDate.of(2024, 4, 1), 4, List.of(unregistered, company)));
        tally.on(new MeetingHeld(uniqueId("meeting"), otherProject, 1, MeetingKind.MAPPING, LocalDate.of(2023, 1, 10), "Annat projekt",
                List.of(university), Participants.NONE, ""));

        List<IndicatorOutcomeSnapshot> snapshot = tally.snapshot(project);

        assertThat(snapshot).extracting(IndicatorOutcomeSnapshot::code).containsExactly("stod", "engagerade", "institutionella");
        IndicatorOutcomeSnapshot manual = snapshot.get(0);
        assertThat(manual.name()).isEqualTo("Organisationer som får stöd");
        assertThat(manual.unit()).isEqualTo("organisationer");
        assertThat(manual.target()).isEqualByComparingTo("15");
        assertThat(manual.countingRule()).isEqualTo(CountingRule.MANUAL);
        assertCounts(manual, 7, Map.of(2023, 2, 2024, 5));
        // region and company 2023, university 2024 (its 2023 meeting was cancelled), unregistered 2024
        assertCounts(snapshot.get(1), 4, Map.of(2023, 2, 2024, 2));
        // only region (2023) and university (2024) are institutional; an unregistered organisation is not
        assertCounts(snapshot.get(2), 2, Map.of(2023, 1, 2024, 1));

        assertThat(tally.snapshot(uniqueId("proj"))).isEmpty();
    }

    @Test
    void theChainHeadIsTheHashOfTheNewestStoredEvent() {
        String organisationId = uniqueId("org");
        Answer created = api.post(ADMIN_TOKEN, "/api/organisations", Map.of("id", organisationId,
                "orgNumber", randomSwedish(), "name", "Region Värmland", "country", "SE", "category", "PUBLIC_SECTOR"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        byte[] metadata = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?",
                byte[].class, organisationId);

        assertThat(chain.headOf(organisationId)).matches("[0-9a-f]{64}")
                .isEqualTo(HashChain.storedHash(metadata, AuditMetadata.HASH));
        assertThatThrownBy(() -> chain.receipt(organisationId, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a submission");
    }

    private static void assertCounts(IndicatorOutcomeSnapshot indicator, int total, Map<Integer, Integer> byYear) {
        assertThat(indicator.total()).as(indicator.code() + " total").isEqualByComparingTo(BigDecimal.valueOf(total));
        assertThat(indicator.byYear().keySet()).as(indicator.code() + " years").containsExactlyElementsOf(
                byYear.keySet().stream().sorted().toList());
        byYear.forEach((year, count) -> assertThat(indicator.byYear().get(year)).as(indicator.code() + " " + year)
                .isEqualByComparingTo(BigDecimal.valueOf(count)));
    }
}
