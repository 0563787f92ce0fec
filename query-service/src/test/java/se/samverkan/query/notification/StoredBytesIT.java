package se.samverkan.query.notification;

import se.samverkan.query.notification.stream.SseClient;
import se.samverkan.query.notification.webhook.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.query.support.Platform;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.samverkan.query.support.Platform.expect;
import static se.samverkan.query.support.Platform.expectJson;

/**
 * Nothing stored can stop the read side. Rows such as a damaged disk, an old bug or a hand-made import could leave
 * behind are written straight into the event store (the append-only trigger allows INSERT): a \u0000 escape in a title
 * (which PostgreSQL's jsonb refuses), invalid UTF-8, bytes that are no JSON, a JSON array, a missing field, an unknown
 * payload type, metadata that is no JSON, a time stamp that is no instant. After them, a real command: the live stream, a resumed stream, the webhooks
 * and their replay, the projections and every audit view still work; what cannot be read is parked alone or named.
 */
public class StoredBytesIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String MEETING = "se.samverkan.events.activity.MeetingHeld";
    private static final byte[] INVALID_UTF8 = {(byte) 0xC3, (byte) 0x28};
    private static final String NO_INSTANT = "2024-13-45T25:61:00Z";

    private final Platform platform = Platform.get();

    @Test
    void whateverIsStoredEveryReaderCarriesOn() throws Exception {
        platform.playScenarioOnce();
        JdbcTemplate jdbc = platform.jdbc();
        String coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        String partner = platform.issueToken("PARTNER", List.of("siv"));
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String reportId = "bytes-" + tag;
        expect(201, platform.command("POST", "/api/projects/siv/reports", coordinator, Map.of("id", reportId,
                "number", 300_000 + (int) (Math.random() * 100_000), "periodStart", "2024-06-01", "periodEnd", "2024-09-30")));
        expect(200, platform.command("PUT", "/api/reports/" + reportId + "/answers/revenue", coordinator,
                Map.of("answer", "NO", "text", "None.")));
        String whenReport = "when-report-" + tag;
        expect(201, platform.command("POST", "/api/projects/siv/reports", coordinator, Map.of("id", whenReport,
                "number", 400_000 + (int) (Math.random() * 100_000), "periodStart", "2024-06-01", "periodEnd", "2024-09-30")));
        expect(200, platform.command("PUT", "/api/reports/" + whenReport + "/answers/revenue", coordinator,
                Map.of("answer", "NO", "text", "None.")));

        WebhookReceiver receiver = new WebhookReceiver();
        String path = "/stored-bytes-" + tag;
        JsonNode subscription = post("/api/subscriptions", partner,
                Map.of("url", receiver.url(path), "eventTypes", List.of(), "projects", List.of("siv"))).json();
        long before = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);

        String nulTitle = "nul-" + tag;
        String array = "array-" + tag;
        String notJson = "junk-" + tag;
        String unknownType = "unknown-" + tag;
        String badMetadata = "meta-" + tag;
        String missingField = "missing-" + tag;
        String badTime = "when-" + tag;
        String junkAtNoTime = "junk-when-" + tag;
        List<String> inserted = List.of(nulTitle, array, notJson, unknownType, badMetadata, missingField, badTime, junkAtNoTime);
        String good = "good-" + tag;
        try (SseClient live = SseClient.open(platform.queryUrl() + "/api/projects/siv/events/stream", coordinator, Map.of())) {
            live.awaitComment(WAIT);
            append(jdbc, nulTitle, 0, MEETING, meeting(nulTitle, "Before\\u0000after"), metadata());
            append(jdbc, array, 0, MEETING, "[\"projectId\",\"siv\"]".getBytes(), metadata());
            append(jdbc, notJson, 0, MEETING, bytes("\"projectId\":\"siv\" is not JSON ", INVALID_UTF8), metadata());
            append(jdbc, unknownType, 0, "se.samverkan.events.activity.RetiredEventType",
                    "{\"projectId\":\"siv\",\"what\":\"no class for it\"}".getBytes(), metadata());
            append(jdbc, badMetadata, 0, MEETING, meeting(badMetadata, "Readable, but its metadata is not"),
                    bytes("{\"userId\":", INVALID_UTF8));
            append(jdbc, missingField, 0, "se.samverkan.events.activity.ActivityCancelled",
                    ("{\"activityId\":\"" + missingField + "\"}").getBytes(), metadata());
            // the report's newest event: a JSON text with invalid UTF-8 inside a string
            append(jdbc, reportId, 2, "se.samverkan.events.report.ReportQuestionAnswered", bytes("{\"reportId\":\"" + reportId
                    + "\",\"projectId\":\"siv\",\"key\":\"vat-as-cost\",\"answer\":\"YES\",\"text\":\"", INVALID_UTF8, "\"}"), metadata());
            // readable payloads whose stored time stamp is no instant: a meeting, and the other report's newest event
            append(jdbc, badTime, 0, MEETING, meeting(badTime, "Stored at no valid instant"), metadata(), NO_INSTANT);
            // and one that a projection must park although Axon's dead letters record the instant: bytes that are no JSON
            append(jdbc, junkAtNoTime, 0, MEETING, bytes("\"projectId\":\"siv\" at no time ", INVALID_UTF8), metadata(), NO_INSTANT);
            append(jdbc, whenReport, 2, "se.samverkan.events.report.ReportQuestionAnswered", ("{\"reportId\":\"" + whenReport
                    + "\",\"projectId\":\"siv\",\"key\":\"vat-as-cost\",\"answer\":\"YES\",\"text\":\"At no time\"}")
                    .getBytes(StandardCharsets.UTF_8), metadata(), NO_INSTANT);

            expect(201, platform.command("POST", "/api/projects/siv/meetings", coordinator, Map.of("id", good, "workPackage", 4,
                    "kind", "CHECK_IN", "date", "2024-06-12", "title", "After the damaged rows", "organisations", List.of(),
                    "participants", Map.of("women", 0, "men", 0, "other", 0), "notes", "")));

            // the live stream goes on past the damaged rows
            assertThat(aggregatesUntil(live, good)).contains(nulTitle, unknownType, badTime, good);
        }
        try {
            // a stream resumed from before them reads past them too (the project is found without jsonb)
            try (SseClient resumed = SseClient.open(platform.queryUrl() + "/api/projects/siv/events/stream", coordinator,
                    Map.of("Last-Event-ID", Long.toString(before)))) {
                assertThat(aggregatesUntil(resumed, good)).contains(nulTitle, unknownType, badMetadata, badTime, good);
            }

            // webhooks: the meeting after them is delivered; a replay from before them is accepted and delivers it again
            assertThat(subjectsUntil(receiver, path, good, 1)).contains(good, badTime);
            // the meeting without a valid stored instant is announced too, without the optional CloudEvents 'time'
            assertThat(receiver.all(path)).filteredOn(r -> badTime.equals(r.json().get("subject").asText()))
                    .isNotEmpty().allSatisfy(r -> assertThat(r.json().has("time")).isFalse());
            Platform.Answer replay = post("/api/subscriptions/" + subscription.get("id").asText() + "/replay", partner,
                    Map.of("since", Instant.now().minusSeconds(600).toString()));
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
            assertThat(subjectsUntil(receiver, path, good, 2)).contains(good);
            // the replay also queued the report's unreadable event: parked alone, the subscription stays active
            assertThat(jdbc.queryForList("SELECT status FROM webhook_delivery WHERE subscription_id = ? AND event_identifier IN"
                    + " (SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2)",
                    String.class, subscription.get("id").asText(), reportId)).containsExactly("PARKED");
            assertThat(platform.query("/api/subscriptions", partner).json().findValuesAsText("status")).containsOnly("ACTIVE");

            // the projections fold the meeting after them; what cannot be deserialized is parked, each event alone.
            // The meeting without a valid stored instant is folded like any other (no projection needs its instant to
            // count it); it may be in another segment than the meeting after it, so it may show a moment later
            platform.awaitQuery("/api/projects/siv/activities?workPackage=4", coordinator,
                    answer -> answer.status() == 200 && answer.body().contains(good) && answer.body().contains(badTime), WAIT);
            // and the recent changes, which do need its instant, leave it out and go on to the meeting after it
            platform.awaitQuery("/api/projects/siv/dashboard", coordinator,
                    answer -> answer.status() == 200 && answer.body().contains("After the damaged rows"), WAIT);
            assertThat(platform.query("/api/projects/siv/dashboard", coordinator).body()).doesNotContain("Stored at no valid instant");
            List<Map<String, Object>> parked = awaitDeadLetters(jdbc, List.of(array, notJson, junkAtNoTime), 3);
            assertThat(parked).extracting(row -> row.get("aggregate_identifier")).contains(array, notJson, junkAtNoTime);
            assertThat(parked.stream().map(row -> row.get("sequence_identifier")).distinct().count())
                    .as("each unreadable event is a sequence of its own").isEqualTo(parked.size());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE aggregate_identifier IN (?, ?)",
                    Long.class, badTime, whenReport)).as("events without a valid stored instant are not parked").isZero();

            // the audit views of the report whose newest event cannot be read
            String admin = Platform.ADMIN_TOKEN;
            JsonNode history = expectJson(platform.query("/api/reports/" + reportId + "/history", admin));
            assertThat(history.get("events")).hasSize(3);
            assertThat(history.get("events").get(2).get("problem").asText()).contains("cannot be read");
            assertThat(history.get("events").get(1).has("problem")).isFalse();
            JsonNode verification = expectJson(platform.query("/api/reports/" + reportId + "/verification", admin));
            assertThat(verification.get("valid").asBoolean()).isFalse();
            assertThat(verification.get("firstBrokenVersion").asLong()).isEqualTo(3);
            expectJson(platform.query("/api/reports/" + reportId + "/diff?from=1&to=3", admin));
            assertThat(expectJson(platform.query("/api/reports/" + reportId + "?version=3", admin)).at("/answers/revenue/text")
                    .asText()).isEqualTo("None.");
            expectJson(platform.query("/api/reports/" + reportId + "/audit-trail", admin));
            assertThat(platform.query("/reports/" + reportId + "/history", admin).status()).isEqualTo(200);
            // the audit views of the report whose newest event has no valid stored instant: shown, folded, named, and the
            // verification breaks there as for any altered row
            JsonNode whenHistory = expectJson(platform.query("/api/reports/" + whenReport + "/history", admin)).get("events");
            assertThat(whenHistory).hasSize(3);
            assertThat(whenHistory.get(2).get("problem").asText()).contains("time stamp is not a valid instant");
            assertThat(whenHistory.get(2).has("at")).isFalse();
            assertThat(whenHistory.get(1).has("problem")).isFalse();
            assertThat(whenHistory.get(1).get("at").asText()).isNotEmpty();
            JsonNode whenState = expectJson(platform.query("/api/reports/" + whenReport + "?version=3", admin));
            assertThat(whenState.at("/answers/vat-as-cost/text").asText()).isEqualTo("At no time");
            assertThat(whenState.get("changedAt").isNull()).isTrue();
            // as of now (not a second ago: the report may be younger than that when the test runs quickly)
            assertThat(expectJson(platform.query("/api/reports/" + whenReport + "?asOf=" + Instant.now(), admin))
                    .get("version").asLong()).isEqualTo(3);
            JsonNode whenVerification = expectJson(platform.query("/api/reports/" + whenReport + "/verification", admin));
            assertThat(whenVerification.get("valid").asBoolean()).isFalse();
            assertThat(whenVerification.get("firstBrokenVersion").asLong()).isEqualTo(3);
            assertThat(expectJson(platform.query("/api/reports/" + whenReport + "/diff?from=2&to=3", admin)).toString())
                    .contains("At no time");
            assertThat(expectJson(platform.query("/api/reports/" + whenReport + "/audit-trail", admin)).at("/events/2/at").asText())
                    .isEqualTo(NO_INSTANT);
            assertThat(platform.query("/reports/" + whenReport + "/history", admin).status()).isEqualTo(200);
            // and the project's audit views, which the damaged rows do not belong to, stay valid
            assertThat(expectJson(platform.query("/api/projects/siv/verification", admin)).get("valid").asBoolean()).isTrue();
        } finally {
            receiver.close();
            // the damaged rows go, with what the read side kept of them; the report's readable events stay
            for (String id : inserted) {
                jdbc.update("DELETE FROM dead_letter_entry WHERE aggregate_identifier = ?", id);
                jdbc.update("DELETE FROM recent_change WHERE aggregate_id = ?", id);
            }
            jdbc.update("DELETE FROM dead_letter_entry WHERE aggregate_identifier IN (?, ?)", reportId, whenReport);
            jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_append_only");
            try {
                jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ANY(?)", (Object) inserted.toArray(String[]::new));
                jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier IN (?, ?) AND sequence_number = 2",
                        reportId, whenReport);
            } finally {
                jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_append_only");
            }
        }
    }

    public static void append(JdbcTemplate jdbc, String aggregateId, long sequence, String payloadType, byte[] payload, byte[] metadata) {
        append(jdbc, aggregateId, sequence, payloadType, payload, metadata, Instant.now().toString());
    }

    public static void append(JdbcTemplate jdbc, String aggregateId, long sequence, String payloadType, byte[] payload, byte[] metadata,
                       String timeStamp) {
        jdbc.update("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                            payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Damaged', ?, ?, '1', ?, ?)""",
                UUID.randomUUID().toString(), aggregateId, sequence, timeStamp, payloadType, payload, metadata);
    }

    public static byte[] meeting(String id, String jsonTitle) {
        return ("{\"activityId\":\"" + id + "\",\"projectId\":\"siv\",\"workPackage\":4,\"kind\":\"OTHER\",\"date\":\"2024-06-01\","
                + "\"title\":\"" + jsonTitle + "\",\"organisations\":[],\"participants\":{\"women\":0,\"men\":0,\"other\":0},"
                + "\"notes\":\"\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] metadata() {
        return "{\"userId\":\"stored-bytes-test\",\"role\":\"ADMIN\"}".getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** The aggregate ids of the frames received until one of {@code last}. */
    private static Set<String> aggregatesUntil(SseClient stream, String last) {
        Set<String> seen = new HashSet<>();
        stream.receiveUntil(frame -> last.equals(frame.json().get("aggregateId").asText()), WAIT)
                .forEach(frame -> seen.add(frame.json().get("aggregateId").asText()));
        return seen;
    }

    private static Set<String> subjectsUntil(WebhookReceiver receiver, String path, String subject, int times) {
        await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(receiver.all(path).stream().filter(r -> subject.equals(r.json().get("subject").asText())).count())
                        .as("deliveries of " + subject).isGreaterThanOrEqualTo(times));
        Set<String> subjects = new HashSet<>();
        receiver.all(path).forEach(r -> subjects.add(r.json().get("subject").asText()));
        return subjects;
    }

    private static List<Map<String, Object>> awaitDeadLetters(JdbcTemplate jdbc, List<String> aggregateIds, int expected) {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForList(
                "SELECT processing_group, aggregate_identifier, sequence_identifier FROM dead_letter_entry"
                        + " WHERE processing_group = 'activities' AND aggregate_identifier = ANY(?)",
                (Object) aggregateIds.toArray(String[]::new)), rows -> rows.size() >= expected);
    }

    private Platform.Answer post(String path, String token, Object body) {
        return platform.send(platform.queryUrl(), "POST", path, token, body, Map.of());
    }
}
