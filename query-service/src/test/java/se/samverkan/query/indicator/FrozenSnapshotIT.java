package se.samverkan.query.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import se.samverkan.events.report.QuestionCatalogue;
import se.samverkan.query.support.Platform;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.query.support.Platform.body;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;

/**
 * The snapshot a submission freezes (command service) says what {@code /indicators} (query service) says at that
 * moment, for every counting rule: with a cancelled activity, a concluded and a withdrawn pilot, work packages
 * started and completed, a MANUAL outcome corrected and one given as organisations. A cancellation between two
 * submissions changes both alike.
 */
class FrozenSnapshotIT {

    private static final Platform platform = Platform.get();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PROJECT = "frozen-" + RUN;

    @Test
    void theSnapshotFrozenAtSubmissionIsWhatIndicatorsSaysAtThatMoment() {
        String beneficiary = register("CIVIL_SOCIETY");
        String municipality = register("PUBLIC_SECTOR");
        String company = register("COMPANY");
        String university = register("ACADEMIA");
        String incubator = register("BUSINESS_SUPPORT");
        String cancelledOnly = register("PUBLIC_SECTOR");
        String laterCancelled = register("ACADEMIA");

        command("POST", "/api/projects", body("id", PROJECT, "caseId", "case-" + RUN, "name", "Frozen " + RUN,
                "programme", "Test programme", "periodStart", "2023-01-01", "periodEnd", "2026-12-31",
                "beneficiaryOrgNumber", beneficiary), 201);
        String project = "/api/projects/" + PROJECT;
        command("POST", project + "/work-packages", body("number", 1, "name", "Mapping", "plannedStart", "2023-01-01",
                "plannedEnd", "2023-12-31"), 201);
        command("POST", project + "/work-packages/1/start", body("startedOn", "2023-01-10"), 200);
        command("POST", project + "/work-packages/1/completion", body("completedOn", "2024-01-20"), 200);
        command("POST", project + "/work-packages", body("number", 2, "name", "Pilots", "plannedStart", "2024-01-01",
                "plannedEnd", "2026-12-31"), 201);
        command("POST", project + "/work-packages/2/start", body("startedOn", "2024-01-15"), 200);

        command("POST", project + "/indicators", body("code", "engaged", "name", "Organisations engaged",
                "unit", "organisations", "target", 10, "countingRule", "ORGANISATIONS_ENGAGED"), 201);
        command("POST", project + "/indicators", body("code", "institutional", "name", "Institutions engaged",
                "unit", "organisations", "target", 5, "countingRule", "INSTITUTIONAL_ORGANISATIONS_ENGAGED"), 201);
        command("POST", project + "/indicators", body("code", "users", "name", "Users", "unit", "users",
                "target", 100, "countingRule", "MANUAL"), 201);
        command("POST", project + "/indicators", body("code", "supported", "name", "Organisations supported",
                "unit", "organisations", "target", 8, "countingRule", "MANUAL"), 201);
        command("POST", project + "/indicators/users/outcomes", body("year", 2023, "value", 12.5, "note", "first count"), 201);
        command("POST", project + "/indicators/users/outcomes", body("year", 2024, "value", 30, "note", "first count"), 201);
        command("POST", project + "/indicators/users/outcomes", body("year", 2024, "value", 25, "note", "corrected"), 201);
        command("POST", project + "/indicators/supported/outcomes", body("year", 2024, "organisations",
                List.of(company, incubator), "note", "listed"), 201);

        // an activity cancelled before the submission: its organisations never count, the university only from 2024
        String cancelled = PROJECT + "-cancelled";
        command("POST", project + "/meetings", meeting(cancelled, 1, "2023-03-01", List.of(cancelledOnly, university)), 201);
        command("POST", "/api/activities/" + cancelled + "/cancellation", body("reason", "Nobody could come"), 200);
        command("POST", project + "/meetings", meeting(PROJECT + "-m1", 1, "2023-05-10", List.of(municipality, company)), 201);
        command("POST", project + "/workshops", body("id", PROJECT + "-w1", "workPackage", 2, "date", "2024-03-01",
                "title", "Co-design", "targetGroup", "Companies", "organisations", List.of(university, company),
                "participants", participants(), "outcome", "Ideas"), 201);
        // held now, cancelled between the two submissions: its organisation's only engagement
        String cancelledLater = PROJECT + "-m2";
        command("POST", project + "/meetings", meeting(cancelledLater, 2, "2024-04-02", List.of(laterCancelled)), 201);
        // a concluded and a withdrawn pilot: their working groups engaged when they were included
        String concluded = PROJECT + "-concluded";
        String withdrawn = PROJECT + "-withdrawn";
        for (String pilot : List.of(concluded, withdrawn)) {
            command("POST", project + "/pilots", body("id", pilot, "name", "Pilot " + pilot, "challenge", "A challenge",
                    "proposedByOrgNumber", beneficiary), 201);
        }
        command("POST", "/api/pilots/" + concluded + "/inclusion", body("includedOn", "2024-06-01", "members", 3,
                "workingGroup", List.of(incubator)), 200);
        command("POST", "/api/pilots/" + concluded + "/conclusion", body("concludedOn", "2024-10-01", "outcome", "Done"), 200);
        command("POST", "/api/pilots/" + withdrawn + "/inclusion", body("includedOn", "2025-02-01", "members", 2,
                "workingGroup", List.of(company, beneficiary)), 200);
        command("POST", "/api/pilots/" + withdrawn + "/withdrawal", body("withdrawnOn", "2025-03-01", "reason", "No time"), 200);

        String report = PROJECT + "-r1";
        command("POST", project + "/reports", body("id", report, "number", 1, "periodStart", "2023-01-01",
                "periodEnd", "2025-06-30"), 201);
        for (String key : QuestionCatalogue.mandatoryKeys()) {
            command("PUT", "/api/reports/" + report + "/answers/" + key, body("answer", "NO", "text", "None."), 200);
        }

        JsonNode first = submitAndCompare(report);
        // engaged: municipality and company 2023; university, the later cancelled one, incubator 2024; beneficiary 2025
        assertCounts(first, "engaged", Map.of(2023, 2, 2024, 3, 2025, 1));
        // institutional: municipality 2023; university and the later cancelled one 2024; incubator (BUSINESS_SUPPORT) 2024
        assertCounts(first, "institutional", Map.of(2023, 1, 2024, 3));
        assertThat(indicator(first, "users").get("total").decimalValue()).isEqualByComparingTo("37.5");
        assertThat(indicator(first, "supported").get("total").decimalValue()).isEqualByComparingTo("2");

        String auditor = platform.issueToken("AUDITOR", List.of(PROJECT));
        send(auditor, "POST", "/api/reports/" + report + "/return", body("reason", "Please check the meetings"), 200);
        command("POST", "/api/activities/" + cancelledLater + "/cancellation", body("reason", "Held by another project"), 200);

        JsonNode second = submitAndCompare(report);
        assertCounts(second, "engaged", Map.of(2023, 2, 2024, 2, 2025, 1));
        assertCounts(second, "institutional", Map.of(2023, 1, 2024, 2));
    }

    /** Submits the report and answers its frozen snapshot, having checked it against /indicators at that position. */
    private static JsonNode submitAndCompare(String report) {
        Platform.Answer receipt = command("POST", "/api/reports/" + report + "/submission", body("signatory", "Anna Andersson"), 200);
        String position = receipt.response().headers().firstValue("Samverkan-Position").orElseThrow();
        JsonNode frozen = query("/api/reports/" + report + "?minPosition=" + position).json().get("indicators");
        JsonNode live = query("/api/projects/" + PROJECT + "/indicators?minPosition=" + position).json();

        assertThat(frozen).as("the frozen snapshot").hasSize(4);
        assertThat(live).as("/indicators").hasSize(frozen.size());
        for (int i = 0; i < frozen.size(); i++) {
            JsonNode snapshot = frozen.get(i);
            JsonNode now = live.get(i);
            String code = snapshot.get("code").asText();
            assertThat(now.get("code").asText()).isEqualTo(code);
            assertThat(now.get("countingRule").asText()).as(code).isEqualTo(snapshot.get("countingRule").asText());
            assertThat(now.get("target").decimalValue()).as(code + " target").isEqualByComparingTo(snapshot.get("target").decimalValue());
            assertThat(now.get("total").decimalValue()).as(code + " total").isEqualByComparingTo(snapshot.get("total").decimalValue());
            assertThat(byYear(now)).as(code + " by year").isEqualTo(byYear(snapshot));
        }
        return frozen;
    }

    /** Year to value, compared by value (the snapshot keeps a value's scale, /indicators writes it plain). */
    private static Map<String, BigDecimal> byYear(JsonNode indicator) {
        Map<String, BigDecimal> byYear = new TreeMap<>();
        indicator.get("byYear").fields().forEachRemaining(entry -> byYear.put(entry.getKey(),
                entry.getValue().decimalValue().stripTrailingZeros()));
        return byYear;
    }

    private static JsonNode indicator(JsonNode indicators, String code) {
        for (JsonNode indicator : indicators) {
            if (indicator.get("code").asText().equals(code)) {
                return indicator;
            }
        }
        throw new AssertionError("no indicator " + code + " in " + indicators);
    }

    private static void assertCounts(JsonNode indicators, String code, Map<Integer, Integer> expected) {
        Map<String, BigDecimal> byYear = new TreeMap<>();
        expected.forEach((year, count) -> byYear.put(String.valueOf(year), BigDecimal.valueOf(count)));
        JsonNode indicator = indicator(indicators, code);
        assertThat(byYear(indicator)).as(code + " by year").isEqualTo(byYear);
        assertThat(indicator.get("total").decimalValue()).as(code + " total")
                .isEqualByComparingTo(BigDecimal.valueOf(expected.values().stream().mapToInt(Integer::intValue).sum()));
    }

    private static Map<String, Object> meeting(String id, int workPackage, String date, List<String> organisations) {
        return body("id", id, "workPackage", workPackage, "kind", "MAPPING", "date", date, "title", "Meeting " + id,
                "organisations", organisations, "participants", participants(), "notes", "");
    }

    private static Map<String, Object> participants() {
        return body("women", 1, "men", 1, "other", 0);
    }

    private static String register(String category) {
        String orgNumber = randomSwedish();
        command("POST", "/api/organisations", body("orgNumber", orgNumber, "name", category + " " + orgNumber, "country", "SE",
                "category", category), 201);
        return orgNumber;
    }

    private static Platform.Answer command(String method, String path, Object body, int expected) {
        return send(Platform.ADMIN_TOKEN, method, path, body, expected);
    }

    private static Platform.Answer send(String token, String method, String path, Object body, int expected) {
        Platform.Answer answer = platform.command(method, path, token, body);
        assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isEqualTo(expected);
        return answer;
    }

    private static Platform.Answer query(String path) {
        Platform.Answer answer = platform.query(path, Platform.ADMIN_TOKEN);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer;
    }
}
