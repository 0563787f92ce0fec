package se.samverkan.command.platform.lookups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.command.CommandServiceApplication;
import se.samverkan.command.support.HttpApi;
import se.samverkan.command.support.HttpApi.Answer;
import se.samverkan.events.report.QuestionCatalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command service's lookups rebuilt from the event store: every lookup table emptied and its recorded position
 * removed (as for lookups added after the events were stored), then a restart rebuilds them, and the rules that
 * rely on them hold again: a submission freezes the right indicator figures, organisation and report numbers stay
 * unique, work packages and activities are known. The ADMIN endpoint rebuilds them too, and only for ADMIN.
 */
class LookupRebuildIT {

    private static final String ADMIN = "lookup-rebuild-admin";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every lookup table, children before the tables they reference. */
    private static final List<String> LOOKUP_TABLES = List.of("organisation", "project_work_package", "project", "activity",
            "pilot", "report_lookup", "report_engagement", "report_indicator_outcome", "report_indicator", "access_token");

    private static ConfigurableApplicationContext start(Path dataDir) {
        return CommandServiceApplication.builder()
                .run("--server.port=0", "--samverkan.data-dir=" + dataDir, "--samverkan.db.url=", "--samverkan.admin-token=" + ADMIN);
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return new HttpApi("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void lookupsEmptiedAndUnrecordedAreRebuiltAtStartUpAndTheRulesOnThemHoldAgain() throws Exception {
        Path dataDir = Files.createTempDirectory("samverkan-lookups-");
        // valid Swedish organisation numbers; the database is this test's own
        String region = "232100-0016";
        String company = "556036-0793";
        String project = "rebuild-proj";
        String report = "rebuild-report";
        String partner;

        try (ConfigurableApplicationContext first = start(dataDir)) {
            HttpApi api = api(first);
            expect(201, api.post(ADMIN, "/api/organisations", Map.of("id", "rebuild-region", "orgNumber", region,
                    "name", "Region Värmland", "country", "SE", "category", "PUBLIC_SECTOR")));
            expect(201, api.post(ADMIN, "/api/organisations", Map.of("id", "rebuild-company", "orgNumber", company,
                    "name", "Företaget AB", "country", "SE", "category", "COMPANY")));
            expect(201, api.post(ADMIN, "/api/projects", Map.of("id", project, "caseId", "R-1", "name", "Rebuild",
                    "programme", "ERUF", "periodStart", "2024-01-01", "periodEnd", "2025-12-31", "beneficiaryOrgNumber", region)));
            expect(201, api.post(ADMIN, "/api/projects/" + project + "/work-packages", Map.of("number", 1, "name", "Paket 1",
                    "plannedStart", "2024-01-01", "plannedEnd", "2025-12-31")));
            expect(201, api.post(ADMIN, "/api/projects/" + project + "/indicators", Map.of("code", "engagerade",
                    "name", "Engagerade", "unit", "organisationer", "target", 10, "countingRule", "ORGANISATIONS_ENGAGED")));
            expect(201, api.post(ADMIN, "/api/projects/" + project + "/indicators", Map.of("code", "institutionella",
                    "name", "Institutionella", "unit", "organisationer", "target", 5, "countingRule", "INSTITUTIONAL_ORGANISATIONS_ENGAGED")));
            expect(201, api.post(ADMIN, "/api/projects/" + project + "/indicators", Map.of("code", "stod",
                    "name", "Stöd", "unit", "organisationer", "target", 5, "countingRule", "MANUAL")));
            expect(201, api.post(ADMIN, "/api/projects/" + project + "/indicators/stod/outcomes",
                    Map.of("year", 2024, "value", 3, "note", "")));
            expect(201, api.post(ADMIN, "/api/projects/" + project + "/meetings", Map.of("id", "rebuild-meeting", "workPackage", 1,
                    "kind", "MAPPING", "date", "2024-03-01", "title", "Kartläggning", "organisations", List.of(region, company),
                    "participants", Map.of("women", 1, "men", 1, "other", 0), "notes", "")));
            expect(201, api.post(ADMIN, "/api/projects/" + project + "/meetings", Map.of("id", "rebuild-cancelled", "workPackage", 1,
                    "kind", "PLANNING", "date", "2024-02-01", "title", "Inställt", "organisations", List.of(company),
                    "participants", Map.of("women", 1, "men", 0, "other", 0), "notes", "")));
            expect(200, api.post(ADMIN, "/api/activities/rebuild-cancelled/cancellation", Map.of("reason", "sjukdom")));
            expect(201, api.post(ADMIN, "/api/projects/" + project + "/reports", Map.of("id", report, "number", 1,
                    "periodStart", "2024-01-01", "periodEnd", "2024-12-31")));
            for (String key : QuestionCatalogue.mandatoryKeys()) {
                expect(200, api.put(ADMIN, "/api/reports/" + report + "/answers/" + key, Map.of("answer", "NO", "text", "")));
            }

            partner = expect(201, api.post(ADMIN, "/api/admin/tokens", Map.of("name", "partner before",
                    "role", "PARTNER", "projects", List.of(project)))).json().get("token").asText();

            // as if every lookup had been added after these events were stored: empty, and never built
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            LOOKUP_TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
            jdbc.update("DELETE FROM lookup_position");
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            HttpApi api = api(second);
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            assertThat(jdbc.queryForMap("SELECT count(*) AS lookups, min(applied_index) AS lowest FROM lookup_position"))
                    .as("every lookup rebuilt up to the store's head").containsEntry("lookups", 6L).containsEntry("lowest", head);
            // the token issued before is known again: refused for its role (403), not unknown (401)
            expect(403, api.post(partner, "/api/organisations", Map.of("id", "rebuild-partner-org", "orgNumber", company,
                    "name", "Nej", "country", "SE", "category", "OTHER")));

            // the submission freezes the figures of the rebuilt tally: region and company engaged in 2024 (the cancelled
            // meeting does not count), only the region is institutional, and the MANUAL outcome as recorded
            expect(200, api.post(ADMIN, "/api/reports/" + report + "/submission", Map.of("signatory", "Anna Andersson")));
            JsonNode frozen = JSON.readTree(jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?"
                    + " AND payload_type LIKE '%ReportSubmitted'", byte[].class, report)).get("indicators");
            assertThat(frozen).hasSize(3);
            assertFigures(frozen.get(0), "engagerade", 2, "2024", 2);
            assertFigures(frozen.get(1), "institutionella", 1, "2024", 1);
            assertFigures(frozen.get(2), "stod", 3, "2024", 3);

            // the uniqueness checks hold on the rebuilt tables
            expect(409, api.post(ADMIN, "/api/organisations", Map.of("id", "rebuild-copy", "orgNumber", region,
                    "name", "Kopia", "country", "SE", "category", "OTHER")));
            expect(409, api.post(ADMIN, "/api/projects/" + project + "/reports", Map.of("id", "rebuild-second", "number", 1,
                    "periodStart", "2025-01-01", "periodEnd", "2025-06-30")));
            // and the project's period and work packages are known again
            expect(201, api.post(ADMIN, "/api/projects/" + project + "/meetings", Map.of("workPackage", 1, "kind", "RETRO",
                    "date", "2025-01-15", "title", "Efter", "organisations", List.of(region),
                    "participants", Map.of("women", 1, "men", 0, "other", 0), "notes", "")));
            expect(422, api.post(ADMIN, "/api/projects/" + project + "/meetings", Map.of("workPackage", 7, "kind", "RETRO",
                    "date", "2025-01-15", "title", "Inget paket", "organisations", List.of(region),
                    "participants", Map.of("women", 1, "men", 0, "other", 0), "notes", "")));
            // an activity's project is known again (the scope check finds it)
            expect(200, api.post(ADMIN, "/api/activities/rebuild-meeting/cancellation", Map.of("reason", "flyttat")));

            // the ADMIN endpoint rebuilds every lookup again, to the same contents
            String coordinator = expect(201, api.post(ADMIN, "/api/admin/tokens", Map.of("name", "coordinator",
                    "role", "COORDINATOR", "projects", List.of(project)))).json().get("token").asText();
            expect(403, api.post(coordinator, "/api/admin/lookups/rebuild", Map.of()));
            List<Map<String, Object>> engagementsBefore = jdbc.queryForList(
                    "SELECT source_id, org_number, engaged_on FROM report_engagement ORDER BY source_id, org_number");
            JsonNode rebuilt = expect(200, api.post(ADMIN, "/api/admin/lookups/rebuild", Map.of())).json().get("lookups");
            long newHead = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            assertThat(rebuilt).hasSize(6);
            rebuilt.forEach(lookup -> assertThat(lookup.get("appliedIndex").asLong()).as(lookup.toString()).isEqualTo(newHead));
            assertThat(jdbc.queryForList("SELECT source_id, org_number, engaged_on FROM report_engagement ORDER BY source_id, org_number"))
                    .isEqualTo(engagementsBefore).isNotEmpty();
            expect(409, api.post(ADMIN, "/api/organisations", Map.of("id", "rebuild-copy", "orgNumber", company,
                    "name", "Kopia", "country", "SE", "category", "OTHER")));

            // rows written by hand that the lookup refuses or cannot read are skipped, never stop the rebuild:
            // a second report with the first one's number, and a payload that is not JSON
            String drafted = "FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%ProgressReportDrafted'";
            jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                    + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                    + " SELECT gen_random_uuid()::text, 'hand-copy', 0, type, time_stamp, payload_type, payload_revision,"
                    + " convert_to(replace(convert_from(payload, 'UTF8'), ?, 'hand-copy'), 'UTF8'), meta_data " + drafted,
                    report, report);
            jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                    + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                    + " SELECT gen_random_uuid()::text, 'hand-garbage', 0, type, time_stamp, payload_type, payload_revision,"
                    + " convert_to('not json', 'UTF8'), meta_data " + drafted, report);
            JsonNode withHandRows = expect(200, api.post(ADMIN, "/api/admin/lookups/rebuild", Map.of())).json().get("lookups");
            JsonNode reportLookup = null;
            for (JsonNode lookup : withHandRows) {
                if (lookup.get("lookup").asText().equals("report-lookup")) {
                    reportLookup = lookup;
                }
            }
            assertThat(reportLookup).as(withHandRows.toString()).isNotNull();
            assertThat(reportLookup.get("skipped").asLong()).as(reportLookup.toString()).isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT report_id FROM report_lookup WHERE project_id = ? AND number = 1",
                    String.class, project)).isEqualTo(report);
        }
    }

    private static void assertFigures(JsonNode indicator, String code, int total, String year, int inYear) {
        assertThat(indicator.get("code").asText()).isEqualTo(code);
        assertThat(indicator.get("total").decimalValue()).as(code).isEqualByComparingTo(Integer.toString(total));
        assertThat(indicator.get("byYear").get(year).decimalValue()).as(code + " " + year).isEqualByComparingTo(Integer.toString(inYear));
        assertThat(indicator.get("byYear").size()).as(code + " years").isOne();
    }

    private static Answer expect(int status, Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return answer;
    }
}
