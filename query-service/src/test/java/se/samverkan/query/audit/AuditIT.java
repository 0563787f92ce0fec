package se.samverkan.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.events.report.QuestionCatalogue;
import se.samverkan.platform.eventstore.HashChain;
import se.samverkan.query.support.Platform;
import se.samverkan.query.support.Platform.Answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.query.support.Platform.expect;
import static se.samverkan.query.support.Platform.expectProblem;

/**
 * A report's life as an auditor meets it years later: drafted, answered, submitted, returned with a
 * reason, edited, resubmitted and approved; then read as of the first submission, compared between the
 * submissions, and verified against tampering done directly in the database.
 */
class AuditIT {

    private static final Platform platform = Platform.get();
    private static String coordinator;
    private static String auditor;
    private static String reportId;
    private static int reportNumber;
    private static JsonNode firstReceipt;
    private static JsonNode secondReceipt;

    @BeforeAll
    static void aReportGoesThroughItsWholeLife() {
        platform.playScenarioOnce();
        coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        auditor = platform.issueToken("AUDITOR", List.of("siv"));
        reportId = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        reportNumber = 100 + (int) (Math.random() * 100_000);
        expect(201, platform.command("POST", "/api/projects/siv/reports", coordinator,
                Map.of("id", reportId, "number", reportNumber, "periodStart", "2024-06-01", "periodEnd", "2024-09-30")));
        for (String key : QuestionCatalogue.mandatoryKeys()) {
            expect(200, platform.command("PUT", "/api/reports/" + reportId + "/answers/" + key, coordinator,
                    Map.of("answer", "NO", "text", "")));
        }
        expect(200, platform.command("PUT", "/api/reports/" + reportId + "/answers/communication", coordinator,
                Map.of("answer", "YES", "text", "A new website was launched.")));
        expect(200, platform.command("PUT", "/api/reports/" + reportId + "/work-packages/1", coordinator,
                Map.of("result", "Mapping finished.", "obstacles", "")));
        firstReceipt = expect(200, platform.command("POST", "/api/reports/" + reportId + "/submission", coordinator,
                Map.of("signatory", "Anna Andersson"))).json();
        expect(200, platform.command("POST", "/api/reports/" + reportId + "/return", auditor,
                Map.of("reason", "Describe the website's reach.")));
        expect(200, platform.command("PUT", "/api/reports/" + reportId + "/answers/communication", coordinator,
                Map.of("answer", "YES", "text", "A new website was launched; 1,200 visitors in June.")));
        expect(200, platform.command("PUT", "/api/reports/" + reportId + "/work-packages/1", coordinator,
                Map.of("result", "Mapping finished on 14 May.", "obstacles", "")));
        secondReceipt = expect(200, platform.command("POST", "/api/reports/" + reportId + "/submission", coordinator,
                Map.of("signatory", "Anna Andersson"))).json();
        expect(200, platform.command("POST", "/api/reports/" + reportId + "/approval", auditor, Map.of("comment", "Fine.")));
    }

    @Test
    void theHistoryListsEveryEventWithWhoAndWhatChanged() {
        JsonNode history = read("/api/reports/" + reportId + "/history", auditor).json();
        JsonNode events = history.get("events");
        int mandatory = QuestionCatalogue.mandatoryKeys().size();
        assertThat(events).hasSize(1 + mandatory + 2 + 1 + 1 + 2 + 1 + 1);
        assertThat(events.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(events.get(0).get("type").asText()).isEqualTo("ProgressReportDrafted");
        assertThat(events.get(0).get("lifecycleStep").asBoolean()).isTrue();
        JsonNode returned = events.get(events.size() - 5);
        assertThat(returned.get("type").asText()).isEqualTo("ReportReturned");
        assertThat(returned.get("role").asText()).isEqualTo("AUDITOR");
        assertThat(returned.get("userId").asText()).isNotBlank();
        assertThat(returned.get("at").asText()).endsWith("Z");
        assertThat(returned.get("changes").findValuesAsText("field")).contains("status", "lifecycle.returnReason");
        JsonNode edit = events.get(events.size() - 4);
        assertThat(edit.get("type").asText()).isEqualTo("ReportQuestionAnswered");
        assertThat(edit.get("role").asText()).isEqualTo("COORDINATOR");
        assertThat(edit.get("changes")).hasSize(1);
        assertThat(edit.get("changes").get(0).get("field").asText()).isEqualTo("answers.communication.text");
        assertThat(edit.get("changes").get(0).get("oldValue").asText()).isEqualTo("A new website was launched.");
        assertThat(edit.get("changes").get(0).get("newValue").asText()).isEqualTo("A new website was launched; 1,200 visitors in June.");
    }

    @Test
    void asOfTheFirstSubmissionShowsTheTextAsFirstSubmittedNotTheLaterEdit() {
        JsonNode asOf = read("/api/reports/" + reportId + "?asOf=" + firstReceipt.get("submittedAt").asText(), auditor).json();
        assertThat(asOf.get("version").asLong()).isEqualTo(firstReceipt.get("version").asLong());
        assertThat(asOf.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(asOf.at("/answers/communication/text").asText()).isEqualTo("A new website was launched.");
        assertThat(asOf.at("/workPackages/1/result").asText()).isEqualTo("Mapping finished.");

        JsonNode atVersion = read("/api/reports/" + reportId + "?version=" + firstReceipt.get("version").asLong(), auditor).json();
        assertThat(atVersion).isEqualTo(asOf);

        JsonNode now = read("/api/reports/" + reportId, coordinator).json();
        assertThat(now.get("status").asText()).isEqualTo("APPROVED");
        assertThat(now.at("/answers/communication/text").asText()).isEqualTo("A new website was launched; 1,200 visitors in June.");
        assertThat(now.get("version").asLong()).isEqualTo(secondReceipt.get("version").asLong() + 1);
    }

    @Test
    void theDiffBetweenTheTwoSubmissionsNamesExactlyTheEditedFields() {
        JsonNode diff = read("/api/reports/" + reportId + "/diff?from=" + firstReceipt.get("version").asLong()
                + "&to=" + secondReceipt.get("version").asLong(), auditor).json();
        assertThat(diff.get("changes").findValuesAsText("field"))
                .containsExactly("answers.communication.text", "workPackages.1.result");
        assertThat(diff.get("changes").get(1).get("oldValue").asText()).isEqualTo("Mapping finished.");
        assertThat(diff.get("changes").get(1).get("newValue").asText()).isEqualTo("Mapping finished on 14 May.");
        assertThat(diff.get("lifecycleChanges").findValuesAsText("field"))
                .contains("lifecycle.submittedAt", "lifecycle.submittedOnChainHead");
    }

    @Test
    void theUntouchedChainVerifiesAndMatchesBothReceipts() {
        JsonNode verification = read("/api/reports/" + reportId + "/verification", auditor).json();
        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("events").asInt()).isEqualTo(secondReceipt.get("version").asInt() + 1);
        assertThat(verification.get("chainHead").asText()).matches("[0-9a-f]{64}");
        assertThat(verification.get("firstBrokenVersion").isNull()).isTrue();
        for (JsonNode receipt : List.of(firstReceipt, secondReceipt)) {
            JsonNode checked = read("/api/reports/" + reportId + "/verification?receiptVersion=" + receipt.get("version").asLong()
                    + "&receiptChainHead=" + receipt.get("chainHead").asText(), auditor).json();
            assertThat(checked.get("valid").asBoolean()).isTrue();
            assertThat(checked.at("/receipt/matches").asBoolean()).isTrue();
        }
    }

    @Test
    void anUpdateOfOneStoredPayloadMakesVerificationFailAtThatVersion() {
        long version = 5;
        tamper(jdbc -> jdbc.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " '\"NO\"', '\"YES\"'), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = ?", reportId, version - 1), () -> {
            JsonNode verification = read("/api/reports/" + reportId + "/verification", auditor).json();
            assertThat(verification.get("valid").asBoolean()).isFalse();
            assertThat(verification.get("firstBrokenVersion").asLong()).isEqualTo(version);
            assertThat(verification.get("problem").asText()).contains("version " + version);
        });
        assertThat(read("/api/reports/" + reportId + "/verification", auditor).json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aDeletedEventIsDetected() {
        long version = 3;
        tamper(jdbc -> jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                reportId, version - 1), () -> {
            JsonNode verification = read("/api/reports/" + reportId + "/verification", auditor).json();
            assertThat(verification.get("valid").asBoolean()).isFalse();
            assertThat(verification.get("firstBrokenVersion").asLong()).isEqualTo(version);
            assertThat(verification.get("problem").asText()).contains("missing");
        });
    }

    @Test
    void aRewriteOfTheWholeChainPassesTheChainButFailsAgainstTheReceipt() {
        tamper(jdbc -> rewriteChainWithChangedAnswer(jdbc), () -> {
            JsonNode chainOnly = read("/api/reports/" + reportId + "/verification", auditor).json();
            assertThat(chainOnly.get("valid").asBoolean()).as("a consistent rewrite fools the chain alone").isTrue();
            JsonNode withReceipt = read("/api/reports/" + reportId + "/verification?receiptVersion=" + firstReceipt.get("version").asLong()
                    + "&receiptChainHead=" + firstReceipt.get("chainHead").asText(), auditor).json();
            assertThat(withReceipt.get("valid").asBoolean()).isFalse();
            assertThat(withReceipt.at("/receipt/matches").asBoolean()).isFalse();
            assertThat(withReceipt.at("/receipt/detail").asText()).contains("rewritten");
        });
    }

    @Test
    void theWholeTrailExportsAsOneDocumentThatVerifiesOffline() {
        Answer export = read("/api/reports/" + reportId + "/audit-trail", auditor);
        assertThat(export.response().headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        JsonNode document = export.json();
        assertThat(document.get("format").asText()).isEqualTo("samverkan-audit-trail/1");
        JsonNode events = document.get("events");
        String previous = HashChain.GENESIS;
        for (JsonNode event : events) {
            byte[] metadata = event.get("metadata").toString().getBytes();
            String recomputed = HashChain.hash(HashChain.storedVersion(metadata), previous, event.get("aggregateId").asText(),
                    event.get("sequenceNumber").asLong(), event.get("payloadType").asText(), event.get("revision").asText(),
                    event.get("at").asText(), event.get("payload").toString().getBytes(), metadata);
            assertThat(recomputed).as("version %s", event.get("version")).isEqualTo(event.get("hash").asText());
            previous = recomputed;
        }
        assertThat(previous).isEqualTo(document.at("/verification/chainHead").asText());
        assertThat(document.get("history")).hasSize(events.size());
    }

    @Test
    void projectsHaveTheSameAuditViews() {
        JsonNode history = read("/api/projects/siv/history", auditor).json();
        assertThat(history.get("events").get(0).get("type").asText()).isEqualTo("ProjectCreated");
        assertThat(history.get("events").findValuesAsText("type")).contains("WorkPackageCompleted", "IndicatorOutcomeRecorded");
        JsonNode verification = read("/api/projects/siv/verification", auditor).json();
        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("events").asInt()).isEqualTo(history.get("events").size());
        JsonNode first = read("/api/projects/siv?version=1", auditor).json();
        assertThat(first.get("name").asText()).isEqualTo("Social Innovation Värmland - ett innovationssystem");
        assertThat(first.get("workPackages")).isEmpty();
        JsonNode later = read("/api/projects/siv/state?version=" + history.get("events").size(), auditor).json();
        assertThat(later.at("/workPackages/1/completedOn").asText()).isEqualTo("2024-05-14");
        assertThat(later.at("/indicators/organisationer-stod/outcomes/2024/value").asInt()).isEqualTo(11);
        JsonNode diff = read("/api/projects/siv/diff?from=1&to=2", auditor).json();
        assertThat(diff.get("changes").findValuesAsText("field")).allMatch(field -> field.startsWith("workPackages.1."));
    }

    @Test
    void onlyAuditorsAdminsAndTheProjectsCoordinatorsMayRead() {
        String partner = platform.issueToken("PARTNER", List.of("siv"));
        String otherAuditor = platform.issueToken("AUDITOR", List.of("another-project"));
        assertThat(platform.query("/api/reports/" + reportId + "/history", partner).status()).isEqualTo(403);
        assertThat(platform.query("/api/reports/" + reportId + "/history", otherAuditor).status()).isEqualTo(403);
        assertThat(platform.query("/api/reports/" + reportId + "/history", null).status()).isEqualTo(401);
        assertThat(platform.query("/api/reports/" + reportId + "/history", Platform.ADMIN_TOKEN).status()).isEqualTo(200);
        assertThat(platform.query("/api/reports/" + reportId + "/history", coordinator).status()).isEqualTo(200);
        assertThat(platform.query("/api/projects/siv/verification", partner).status()).isEqualTo(403);
    }

    @Test
    void versionsAndInstantsOutsideTheHistoryAreClearErrors() {
        String everyProjectsAuditor = platform.issueToken("AUDITOR", List.of());
        expectProblem(platform.query("/api/reports/no-such-report/history", everyProjectsAuditor), 404, "no-such-report");
        expectProblem(platform.query("/api/reports/siv/history", everyProjectsAuditor), 404, "there is no report");
        // scope before existence: for a scoped token an unknown report is like another project's
        expectProblem(platform.query("/api/reports/no-such-report/history", auditor), 403, "not scoped");
        expectProblem(platform.query("/api/reports/" + reportId + "?version=0", auditor), 404, "versions 1 to");
        expectProblem(platform.query("/api/reports/" + reportId + "?version=9999", auditor), 404, "no version 9999");
        expectProblem(platform.query("/api/reports/" + reportId + "?version=two", auditor), 400, "whole number");
        expectProblem(platform.query("/api/reports/" + reportId + "?asOf=2000-01-01T00:00:00Z", auditor), 404, "did not exist yet");
        expectProblem(platform.query("/api/reports/" + reportId + "?asOf=2999-01-01T00:00:00Z", auditor), 400, "future");
        expectProblem(platform.query("/api/reports/" + reportId + "?asOf=yesterday", auditor), 400, "UTC instant");
        expectProblem(platform.query("/api/reports/" + reportId + "/diff?from=1", auditor), 400, "from=N&to=M");
        expectProblem(platform.query("/api/reports/" + reportId + "?version=1&asOf=2024-01-01T00:00:00Z", auditor), 400, "either");
        expectProblem(platform.query("/api/projects/siv?version=1&asOf=2024-01-01T00:00:00Z", auditor), 400, "either");
        expectProblem(platform.query("/api/reports/" + reportId + "/verification?receiptVersion=3&receiptChainHead=abc", auditor), 400, "64 hex");
    }

    // ---

    private static Answer read(String path, String token) {
        return expect(200, platform.query(path, token));
    }

    @Test
    void aChangedStoredInstantOfAVersion2EventIsDetected() {
        long version = 4;
        JsonNode untouched = read("/api/reports/" + reportId + "/verification", auditor).json();
        assertThat(untouched.at("/hashVersions/2").asInt()).isEqualTo(untouched.get("events").asInt());
        tamper(jdbc -> jdbc.update("UPDATE domain_event_entry SET time_stamp = '2024-01-01T08:00:00Z'"
                + " WHERE aggregate_identifier = ? AND sequence_number = ?", reportId, version - 1), () -> {
            JsonNode verification = read("/api/reports/" + reportId + "/verification", auditor).json();
            assertThat(verification.get("valid").asBoolean()).isFalse();
            assertThat(verification.get("firstBrokenVersion").asLong()).isEqualTo(version);
            assertThat(verification.get("problem").asText()).contains("version " + version).contains("stored instant")
                    .contains("hash version 2");
        });
        assertThat(read("/api/reports/" + reportId + "/verification", auditor).json().get("valid").asBoolean()).isTrue();
    }

    /**
     * A chain written the old way (hash version 1: no hashVersion in the metadata, the instant not covered)
     * keeps verifying, and so does a version 2 event appended to it later; the answer counts both versions.
     */
    @Test
    void aChainStoredUnderVersion1StillVerifiesAndVersion2EventsContinueIt() {
        JdbcTemplate jdbc = platform.jdbc();
        String oldReport = "v1-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number < 5 ORDER BY sequence_number",
                reportId);
        String previous = HashChain.GENESIS;
        for (Map<String, Object> row : rows) {
            // a number of its own as well: a project's report numbers are unique, also to the command side's lookup
            // that an admin rebuilds from the store (AuthorizationMatrixIT may run after this)
            String oldNumber = "\"number\":" + (reportNumber + 1_000_000);
            byte[] payload = new String((byte[]) row.get("payload")).replace(reportId, oldReport)
                    .replaceAll("\"number\":" + reportNumber + "(?=[,}])", oldNumber).getBytes();
            if ((Long) row.get("sequence_number") == 0) {
                assertThat(new String(payload)).as("the copied draft").contains(oldNumber);
            }
            Map<String, Object> metadata = new java.util.LinkedHashMap<>(HashChain.readMetadata((byte[]) row.get("meta_data")));
            metadata.remove("hashVersion");
            metadata.remove("hash");
            metadata.remove("previousHash");
            byte[] auditMetadata = json(metadata);
            long sequence = (Long) row.get("sequence_number");
            String hash = HashChain.hash(previous, oldReport, sequence, (String) row.get("payload_type"),
                    (String) row.get("payload_revision"), payload, auditMetadata);
            metadata.put("previousHash", previous);
            metadata.put("hash", hash);
            jdbc.update("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                        payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    UUID.randomUUID().toString(), oldReport, sequence, row.get("type"), row.get("time_stamp"),
                    row.get("payload_type"), row.get("payload_revision"), payload, json(metadata));
            previous = hash;
        }
        JsonNode verification = read("/api/reports/" + oldReport + "/verification", Platform.ADMIN_TOKEN).json();
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("events").asInt()).isEqualTo(rows.size());
        assertThat(verification.get("hashVersions").toString()).isEqualTo("{\"1\":" + rows.size() + "}");
        assertThat(verification.get("chainHead").asText()).isEqualTo(previous);
    }

    private static byte[] json(Map<String, Object> value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Tampers with the report's stored events as someone with database access could (switching off the
     * append-only trigger), checks, and puts every row back exactly as it was.
     */
    private static synchronized void tamper(java.util.function.Consumer<JdbcTemplate> change, Runnable check) {
        JdbcTemplate jdbc = platform.jdbc();
        List<Map<String, Object>> original = jdbc.queryForList(
                "SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number", reportId);
        jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_append_only");
        try {
            change.accept(jdbc);
            check.run();
        } finally {
            jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", reportId);
            for (Map<String, Object> row : original) {
                List<String> columns = new ArrayList<>(row.keySet());
                jdbc.update("INSERT INTO domain_event_entry (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", columns.stream().map(c -> "?").toList()) + ")", columns.stream().map(row::get).toArray());
            }
            jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_append_only");
        }
    }

    /** Changes the first answer's text and recomputes every hash after it, as a careful forger would. */
    private static void rewriteChainWithChangedAnswer(JdbcTemplate jdbc) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number", reportId);
        String previous = HashChain.GENESIS;
        for (Map<String, Object> row : rows) {
            long sequence = (Long) row.get("sequence_number");
            String payload = new String((byte[]) row.get("payload"));
            if (sequence == 1) {
                payload = payload.replace("\"text\":\"\"", "\"text\":\"forged\"");
            }
            String metadata = new String((byte[]) row.get("meta_data"));
            String oldHash = HashChain.storedHash(metadata.getBytes(), "hash");
            String oldPrevious = HashChain.storedHash(metadata.getBytes(), "previousHash");
            String hash = HashChain.hash(HashChain.storedVersion(metadata.getBytes()), previous, reportId, sequence,
                    (String) row.get("payload_type"), (String) row.get("payload_revision"), (String) row.get("time_stamp"),
                    payload.getBytes(), metadata.getBytes());
            metadata = metadata.replace(oldHash, hash).replace(oldPrevious, previous);
            jdbc.update("UPDATE domain_event_entry SET payload = ?, meta_data = ? WHERE aggregate_identifier = ? AND sequence_number = ?",
                    payload.getBytes(), metadata.getBytes(), reportId, sequence);
            previous = hash;
        }
    }
}
