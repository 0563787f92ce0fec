package se.samverkan.command.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samverkan.command.support.CommandServiceIT;
import se.samverkan.command.support.HttpApi.Answer;
import se.samverkan.events.report.QuestionCatalogue;
import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.HashChain;
import se.samverkan.events.testing.OrgNumbers;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Progress reports through the real HTTP API, on a project built through the API as well (the steps of
 * the Social Innovation Värmland scenario), then the review cycle: submit, return, edit, resubmit, approve.
 */
class ProgressReportApiIT extends CommandServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The scenario's answers to report 2: every mandatory question and three optional ones. */
    private static final Map<String, Map<String, Object>> SCENARIO_ANSWERS = new LinkedHashMap<>();

    static {
        SCENARIO_ANSWERS.put("signatory-changed", answer("NO", ""));
        SCENARIO_ANSWERS.put("vat-as-cost", answer("NO", ""));
        SCENARIO_ANSWERS.put("revenue", answer("NO", ""));
        SCENARIO_ANSWERS.put("purchase-agreements", answer("NO", ""));
        SCENARIO_ANSWERS.put("depreciation", answer("NOT_APPLICABLE", ""));
        SCENARIO_ANSWERS.put("in-kind-contributions", answer("NOT_APPLICABLE", ""));
        SCENARIO_ANSWERS.put("inclusive-culture", answer("YES", "Projekt- och planeringsmöten bygger på demokratiska spelregler."));
        SCENARIO_ANSWERS.put("target-group-involvement", answer("YES", "En första pilot har involverats i systemet."));
        SCENARIO_ANSWERS.put("communication", answer("YES", "En ny hemsida för projektet har tagits fram."));
        SCENARIO_ANSWERS.put("external-collaboration", answer("YES", "Möten med regionens hälsostrateger och Rekoringar."));
        SCENARIO_ANSWERS.put("organisation-changes", answer("NO", ""));
        SCENARIO_ANSWERS.put("overall-progress", answer("YES", "Arbetspaket 1 avslutades i maj i stället för i mars."));
        SCENARIO_ANSWERS.put("indicator-targets-achievable", answer("YES", "Målvärdena är möjliga att uppnå."));
        SCENARIO_ANSWERS.put("evaluation", answer("NO", ""));
    }

    private String project;
    private String coordinator;
    private String auditor;

    @BeforeEach
    void aProjectWithWorkPackagesAndIndicators() {
        String beneficiary = OrgNumbers.randomSwedish();
        expect(201, api.post(ADMIN_TOKEN, "/api/organisations", Map.of("id", uniqueId("org"), "orgNumber", beneficiary,
                "name", "Coompanion Värmland ekonomisk förening", "country", "SE", "category", "CIVIL_SOCIETY")));
        project = uniqueId("siv");
        expect(201, api.post(ADMIN_TOKEN, "/api/projects", Map.of("id", project, "caseId", "20363457",
                "name", "Social Innovation Värmland - ett innovationssystem", "programme", "Europeiska regionala utvecklingsfonden (ERUF)",
                "periodStart", "2023-10-01", "periodEnd", "2026-09-30", "beneficiaryOrgNumber", beneficiary)));
        coordinator = issueToken("COORDINATOR", List.of(project));
        auditor = issueToken("AUDITOR", List.of(project));
        for (int number = 1; number <= 4; number++) {
            expect(201, api.post(coordinator, "/api/projects/" + project + "/work-packages", Map.of("number", number,
                    "name", "Arbetspaket " + number, "plannedStart", "2023-10-01", "plannedEnd", number == 1 ? "2024-03-31" : "2026-09-30")));
        }
        expect(201, api.post(coordinator, "/api/projects/" + project + "/indicators", Map.of("code", "organisationer-stod",
                "name", "Organisationer som får stöd", "unit", "organisationer", "target", 15, "countingRule", "MANUAL")));
        expect(201, api.post(coordinator, "/api/projects/" + project + "/indicators/organisationer-stod/outcomes",
                Map.of("year", 2023, "value", 2, "note", "Enligt lägesrapport 2")));
        expect(201, api.post(coordinator, "/api/projects/" + project + "/indicators/organisationer-stod/outcomes",
                Map.of("year", 2024, "value", 11, "note", "Enligt lägesrapport 2")));
    }

    @Test
    void theScenariosReportIsSubmittedReturnedEditedResubmittedAndApprovedThenNeverChanges() throws IOException {
        String report = draftReport(2);
        SCENARIO_ANSWERS.forEach((key, body) -> expect(200, api.put(coordinator, answerPath(report, key), body)));
        writeNarratives(report);
        long beforeRepeat = eventCount(report);
        assertThat(beforeRepeat).isEqualTo(1 + 14 + 4);

        Answer repeat = expect(200, api.put(coordinator, answerPath(report, "revenue"), answer("NO", "")));
        assertThat(repeat.header("ETag")).isEqualTo("\"" + beforeRepeat + "\"");
        assertThat(eventCount(report)).as("an identical answer stores nothing").isEqualTo(beforeRepeat);

        // submission: the receipt's chainHead is the stored hash of the submission event itself
        Answer submitted = expect(200, api.post(coordinator, "/api/reports/" + report + "/submission",
                Map.of("signatory", "Anna Andersson")));
        JsonNode receipt = submitted.json();
        long version = receipt.get("version").asLong();
        assertThat(receipt.get("reportId").asText()).isEqualTo(report);
        assertThat(version).isEqualTo(beforeRepeat + 1).isEqualTo(eventCount(report));
        assertThat(submitted.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(receipt.get("submittedAt").asText()).endsWith("Z");
        assertThat(Instant.parse(receipt.get("submittedAt").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(receipt.get("chainHead").asText()).matches("[0-9a-f]{64}").isEqualTo(storedHash(report, version - 1));
        JsonNode submission = payload(report, version - 1);
        assertThat(submission.get("chainHead").asText()).as("the event names the head before it")
                .isEqualTo(storedHash(report, version - 2));
        assertThat(submission.get("signatory").asText()).isEqualTo("Anna Andersson");
        // the receipt names the stored event's own instant (so the report as of that instant is the one submitted);
        // the payload's submittedAt was read from the clock just before the event was stamped
        Instant stored = Instant.parse(jdbc.queryForObject("SELECT time_stamp FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = ?", String.class, report, version - 1));
        assertThat(Instant.parse(receipt.get("submittedAt").asText())).isEqualTo(stored);
        assertThat(Instant.parse(submission.get("submittedAt").asText())).isBetween(stored.minusSeconds(1), stored);
        JsonNode indicator = submission.get("indicators").get(0);
        assertThat(indicator.get("code").asText()).isEqualTo("organisationer-stod");
        assertThat(indicator.get("countingRule").asText()).isEqualTo("MANUAL");
        assertThat(indicator.get("target").decimalValue()).isEqualByComparingTo("15");
        assertThat(indicator.get("total").decimalValue()).isEqualByComparingTo("13");
        assertThat(indicator.get("byYear").get("2023").decimalValue()).isEqualByComparingTo("2");
        assertThat(indicator.get("byYear").get("2024").decimalValue()).isEqualByComparingTo("11");

        // under review: the coordinator can neither edit nor decide
        assertThat(problem(409, api.put(coordinator, answerPath(report, "revenue"), answer("YES", "")))).contains("SUBMITTED");
        expect(409, api.post(coordinator, "/api/reports/" + report + "/submission", Map.of("signatory", "Anna Andersson")));
        expect(403, api.post(coordinator, "/api/reports/" + report + "/approval", Map.of("comment", "ok")));
        expect(403, api.post(coordinator, "/api/reports/" + report + "/return", Map.of("reason", "x")));
        assertThat(eventCount(report)).isEqualTo(version);

        // the auditor returns it with a reason
        assertThat(fields(expect(422, api.post(auditor, "/api/reports/" + report + "/return", Map.of("reason", " ")))))
                .containsExactly("reason");
        expect(200, api.post(auditor, "/api/reports/" + report + "/return",
                Map.of("reason", "Beskriv hindren i arbetspaket 2.")));

        // the coordinator edits and resubmits
        expect(200, api.put(coordinator, "/api/reports/" + report + "/work-packages/2",
                Map.of("result", "Workshop och uppföljande samtal har genomförts.", "obstacles", "Svårt att boka tider.")));
        Answer resubmitted = expect(200, api.post(coordinator, "/api/reports/" + report + "/submission",
                Map.of("signatory", "Anna Andersson")));
        JsonNode secondReceipt = resubmitted.json();
        assertThat(secondReceipt.get("version").asLong()).isEqualTo(version + 3).isEqualTo(eventCount(report));
        assertThat(secondReceipt.get("chainHead").asText()).isNotEqualTo(receipt.get("chainHead").asText())
                .isEqualTo(storedHash(report, version + 2));

        // the auditor approves; the approval names the chain head it approved: the resubmission's receipt
        Answer approval = expect(200, api.post(auditor, "/api/reports/" + report + "/approval", Map.of("comment", "Godkänd.")));
        assertThat(approval.header("ETag")).isEqualTo("\"" + (version + 4) + "\"");
        JsonNode approved = payload(report, version + 3);
        assertThat(approved.get("chainHead").asText()).isEqualTo(secondReceipt.get("chainHead").asText());
        assertThat(approved.get("comment").asText()).isEqualTo("Godkänd.");

        // an approved report never changes again
        long finalCount = eventCount(report);
        assertThat(problem(409, api.put(coordinator, answerPath(report, "revenue"), answer("YES", ""))))
                .contains("approved reports never change");
        assertThat(problem(409, api.put(coordinator, "/api/reports/" + report + "/work-packages/1", Map.of("result", "Nytt"))))
                .contains("approved reports never change");
        expect(409, api.post(coordinator, "/api/reports/" + report + "/submission", Map.of("signatory", "Anna Andersson")));
        expect(409, api.post(auditor, "/api/reports/" + report + "/return", Map.of("reason", "Ångrar mig.")));
        expect(409, api.post(auditor, "/api/reports/" + report + "/approval", Map.of("comment", "Igen.")));
        assertThat(eventCount(report)).isEqualTo(finalCount);
    }

    @Test
    void submissionNamesEveryUnansweredMandatoryQuestionAndStoresNothing() {
        String report = draftReport(1);
        expect(200, api.put(coordinator, answerPath(report, "revenue"), answer("NO", "")));
        expect(200, api.put(coordinator, answerPath(report, "overall-progress"), answer("YES", "")));

        Answer refused = expect(422, api.post(coordinator, "/api/reports/" + report + "/submission", Map.of("signatory", "")));
        List<String> expected = new java.util.ArrayList<>(QuestionCatalogue.mandatoryKeys().stream()
                .filter(key -> !key.equals("revenue")).map(key -> "answers." + key).toList());
        expected.add("signatory");
        assertThat(fields(refused)).containsExactlyInAnyOrderElementsOf(expected).hasSize(11);
        assertThat(eventCount(report)).isEqualTo(3);
    }

    @Test
    void aReportNumberIsUniquePerProjectAndARepeatedCreateAnswersAsTheFirst() {
        String first = uniqueId("report");
        Map<String, Object> body = Map.of("id", first, "number", 3, "periodStart", "2024-06-01", "periodEnd", "2024-09-30");
        Answer created = expect(201, api.post(coordinator, "/api/projects/" + project + "/reports", body));
        assertThat(created.json().get("id").asText()).isEqualTo(first);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        Answer again = expect(201, api.post(coordinator, "/api/projects/" + project + "/reports", body));
        assertThat(again.json()).isEqualTo(created.json());
        assertThat(eventCount(first)).isEqualTo(1);

        String second = uniqueId("report");
        Answer duplicate = expect(409, api.post(coordinator, "/api/projects/" + project + "/reports",
                Map.of("id", second, "number", 3, "periodStart", "2024-10-01", "periodEnd", "2024-12-31")));
        assertThat(duplicate.json().get("detail").asText()).contains("'" + first + "'");
        assertThat(eventCount(second)).isZero();

        Answer generated = expect(201, api.post(coordinator, "/api/projects/" + project + "/reports",
                Map.of("number", 4, "periodStart", "2024-10-01", "periodEnd", "2024-12-31")));
        assertThat(generated.json().get("id").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void onlyTheProjectsCoordinatorWritesAndOnlyItsAuditorOrAnAdminDecides() {
        String report = draftReport(1);
        SCENARIO_ANSWERS.forEach((key, body) -> expect(200, api.put(coordinator, answerPath(report, key), body)));
        String otherCoordinator = issueToken("COORDINATOR", List.of(uniqueId("other")));
        String otherAuditor = issueToken("AUDITOR", List.of(uniqueId("other")));
        String partner = issueToken("PARTNER", List.of(project));

        expect(403, api.post(otherCoordinator, "/api/projects/" + project + "/reports",
                Map.of("number", 9, "periodStart", "2024-01-01", "periodEnd", "2024-01-31")));
        expect(403, api.post(auditor, "/api/projects/" + project + "/reports",
                Map.of("number", 9, "periodStart", "2024-01-01", "periodEnd", "2024-01-31")));
        expect(403, api.put(otherCoordinator, answerPath(report, "revenue"), answer("YES", "")));
        expect(403, api.put(auditor, answerPath(report, "revenue"), answer("YES", "")));
        expect(403, api.put(partner, "/api/reports/" + report + "/work-packages/1", Map.of("result", "x")));
        expect(403, api.post(auditor, "/api/reports/" + report + "/submission", Map.of("signatory", "x")));
        expect(401, api.post(null, "/api/reports/" + report + "/submission", Map.of("signatory", "x")));

        expect(200, api.post(coordinator, "/api/reports/" + report + "/submission", Map.of("signatory", "Anna Andersson")));
        expect(403, api.post(otherAuditor, "/api/reports/" + report + "/approval", Map.of("comment", "")));
        expect(403, api.post(partner, "/api/reports/" + report + "/approval", Map.of("comment", "")));
        expect(403, api.post(coordinator, "/api/reports/" + report + "/approval", Map.of("comment", "")));
        // an admin may decide too, and an approval needs no body
        expect(200, api.send("POST", ADMIN_TOKEN, "/api/reports/" + report + "/approval", null, Map.of()));
    }

    @Test
    void badInputGetsA4xxThatSaysWhatToFixAndStoresNothing() {
        String report = draftReport(1);
        String reports = "/api/projects/" + project + "/reports";

        expect(404, api.put(ADMIN_TOKEN, answerPath("no-such-report", "revenue"), answer("NO", "")));
        // scope before existence: a scoped token cannot tell an unknown report from another project's
        expect(403, api.put(coordinator, answerPath("no-such-report", "revenue"), answer("NO", "")));
        expect(404, api.post(ADMIN_TOKEN, "/api/projects/no-such-project/reports",
                Map.of("number", 1, "periodStart", "2024-01-01", "periodEnd", "2024-01-31")));
        assertThat(fields(expect(422, api.post(coordinator, reports,
                Map.of("id", "Bad Id", "number", 0, "periodStart", "2024-13-01", "periodEnd", "")))))
                .containsExactlyInAnyOrder("id", "number", "periodStart", "periodEnd");
        assertThat(fields(expect(422, api.post(coordinator, reports,
                Map.of("number", 5, "periodStart", "2023-09-01", "periodEnd", "2026-10-31")))))
                .containsExactlyInAnyOrder("periodStart", "periodEnd");
        assertThat(fields(expect(422, api.post(coordinator, reports,
                Map.of("number", 5, "periodStart", "2024-05-31", "periodEnd", "2024-02-01")))))
                .containsExactly("periodEnd");

        Answer unknownKey = expect(422, api.put(coordinator, answerPath(report, "weather"), answer("YES", "")));
        assertThat(fields(unknownKey)).containsExactly("key");
        assertThat(unknownKey.json().get("errors").get(0).get("message").asText()).contains("signatory-changed", "evaluation");
        assertThat(fields(expect(422, api.put(coordinator, answerPath(report, "revenue"), answer("MAYBE", "")))))
                .containsExactly("answer");
        assertThat(fields(expect(422, api.put(coordinator, "/api/reports/" + report + "/work-packages/7", Map.of("result", "x")))))
                .containsExactly("workPackage");
        assertThat(fields(expect(422, api.put(coordinator, "/api/reports/" + report + "/work-packages/one", Map.of("result", "x")))))
                .containsExactly("workPackage");
        assertThat(fields(expect(422, api.put(coordinator, "/api/reports/" + report + "/work-packages/1", Map.of("obstacles", "x")))))
                .containsExactly("result");
        expect(400, api.put(coordinator, answerPath(report, "revenue"), "{\"answer\": "));
        assertThat(eventCount(report)).isEqualTo(1);

        // If-Match: the current version is accepted, a stale one is a conflict
        expect(200, api.send("PUT", coordinator, answerPath(report, "revenue"), answer("NO", ""), Map.of("If-Match", "\"1\"")));
        expect(409, api.send("PUT", coordinator, answerPath(report, "vat-as-cost"), answer("NO", ""), Map.of("If-Match", "\"1\"")));
        expect(400, api.send("PUT", coordinator, answerPath(report, "vat-as-cost"), answer("NO", ""), Map.of("If-Match", "latest")));
        assertThat(eventCount(report)).isEqualTo(2);

        // lifecycle: nothing to return or approve before a submission
        assertThat(problem(409, api.post(auditor, "/api/reports/" + report + "/return", Map.of("reason", "x")))).contains("DRAFT");
        expect(409, api.post(auditor, "/api/reports/" + report + "/approval", Map.of("comment", "")));
        assertThat(eventCount(report)).isEqualTo(2);
    }

    /**
     * A long report is loaded from a JSON snapshot plus the events after it, and behaves exactly as when it
     * was rebuilt from every event: its answers count for the submission, its status refuses edits after it,
     * and every event links to the hash of the one before it (the head remembered while appending).
     */
    @Test
    void aLongReportLoadsFromAJsonSnapshotAndKeepsItsStateAndChain() throws Exception {
        String report = draftReport(7);
        List<String> keys = new java.util.ArrayList<>(SCENARIO_ANSWERS.keySet());
        for (int i = 0; i < 150; i++) {
            String key = keys.get(i % keys.size());
            // a new text each time: an answer given again unchanged stores no event
            expect(200, api.put(coordinator, answerPath(report, key), answer("YES", "Edit number " + i)));
        }
        // the snapshot is stored after the command's unit of work
        java.util.Map<String, Object> snapshot = await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)).alias("a snapshot of the report")
                .until(() -> jdbc.queryForList("SELECT payload_type, payload, sequence_number"
                        + " FROM snapshot_event_entry WHERE aggregate_identifier = ?", report), rows -> !rows.isEmpty())
                .get(0);
        assertThat(snapshot.get("payload_type")).isEqualTo(ProgressReport.class.getName());
        JsonNode state = JSON.readTree((byte[]) snapshot.get("payload"));
        assertThat(state.get("reportId").asText()).isEqualTo(report);
        assertThat(state.get("status").asText()).isEqualTo("DRAFT");
        assertThat(state.get("answers").size()).isEqualTo(SCENARIO_ANSWERS.size());

        writeNarratives(report);
        Answer submitted = expect(200, api.post(coordinator, "/api/reports/" + report + "/submission",
                Map.of("signatory", "Anna Andersson")));
        long events = eventCount(report);
        assertThat(submitted.json().get("version").asLong()).isEqualTo(events);
        assertThat(submitted.json().get("chainHead").asText()).isEqualTo(storedHash(report, events - 1));
        expect(409, api.put(coordinator, answerPath(report, "revenue"), answer("YES", "too late")));

        List<java.util.Map<String, Object>> chain = jdbc.queryForList("SELECT sequence_number, meta_data FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number", report);
        String previous = HashChain.GENESIS;
        for (java.util.Map<String, Object> link : chain) {
            byte[] metadata = (byte[]) link.get("meta_data");
            assertThat(HashChain.storedHash(metadata, AuditMetadata.PREVIOUS_HASH)).as("event %s", link.get("sequence_number"))
                    .isEqualTo(previous);
            assertThat(HashChain.storedVersion(metadata)).isEqualTo(2);
            previous = HashChain.storedHash(metadata, AuditMetadata.HASH);
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    private String draftReport(int number) {
        String report = uniqueId("report");
        Answer created = expect(201, api.post(coordinator, "/api/projects/" + project + "/reports",
                Map.of("id", report, "number", number, "periodStart", "2024-02-01", "periodEnd", "2024-05-31")));
        assertThat(created.json().get("id").asText()).isEqualTo(report);
        return report;
    }

    private void writeNarratives(String report) {
        expect(200, api.put(coordinator, "/api/reports/" + report + "/work-packages/1", Map.of(
                "result", "Kartläggningen av organisationer har avslutats; de sista samtalen genomfördes den 14 maj.",
                "obstacles", "Svårt att få till tider för kartläggning och uppföljning med aktörerna.")));
        expect(200, api.put(coordinator, "/api/reports/" + report + "/work-packages/2", Map.of(
                "result", "Workshop, avstämning med Region Värmland och uppföljande samtal har genomförts.", "obstacles", "")));
        expect(200, api.put(coordinator, "/api/reports/" + report + "/work-packages/3", Map.of(
                "result", "En första pilotgrupp har inkluderats tidigare än planerat.",
                "obstacles", "Innovationssystemets aktiebolagsnorm krockar med samhällsnytta som mål.")));
        expect(200, api.put(coordinator, "/api/reports/" + report + "/work-packages/4", Map.of(
                "result", "En struktur med projektmöten och korta avstämningar har införts.",
                "obstacles", "Den röda tråden är fortsatt svår att förklara externt.")));
    }

    private static Map<String, Object> answer(String answer, String text) {
        return Map.of("answer", answer, "text", text);
    }

    private static String answerPath(String report, String key) {
        return "/api/reports/" + report + "/answers/" + key;
    }

    private static String problem(int status, Answer answer) {
        return expect(status, answer).json().get("detail").asText();
    }

    private long eventCount(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregateId);
    }

    private String storedHash(String aggregateId, long sequence) {
        byte[] metadata = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                byte[].class, aggregateId, sequence);
        return HashChain.storedHash(metadata, AuditMetadata.HASH);
    }

    private JsonNode payload(String aggregateId, long sequence) throws IOException {
        return JSON.readTree(jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                byte[].class, aggregateId, sequence));
    }
}
