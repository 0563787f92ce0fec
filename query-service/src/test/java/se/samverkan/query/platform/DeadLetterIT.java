package se.samverkan.query.platform;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.query.support.Platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event a projection cannot fold in is parked in that processing group's dead-letter queue, with
 * the later events of the same aggregate behind it, while every other event is still folded in: it is
 * neither skipped silently nor does it stop the processor.
 */
class DeadLetterIT {

    private final Platform platform = Platform.get();

    @Test
    void aFailingEventIsParkedAndTheRestCarriesOn() {
        platform.playScenarioOnce();
        String coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        JdbcTemplate jdbc = platform.jdbc();
        String poison = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        // A meeting without a title cannot be stored by the activities projection (title is NOT NULL there). The
        // command side never lets one through, so it is written straight into the store, as a damaged event would be.
        appendRaw(jdbc, poison, 0, "se.samverkan.events.activity.MeetingHeld", """
                {"activityId":"%s","projectId":"dead-letter-test","workPackage":1,"kind":"OTHER","date":"2024-06-01",
                 "title":null,"organisations":[],"participants":{"women":0,"men":0,"other":0},"notes":""}""".formatted(poison));
        appendRaw(jdbc, poison, 1, "se.samverkan.events.activity.ActivityCancelled",
                "{\"activityId\":\"%s\",\"projectId\":\"dead-letter-test\",\"reason\":\"damaged\"}".formatted(poison));
        try {
            String healthy = "after-poison-" + UUID.randomUUID().toString().substring(0, 8);
            Platform.Answer recorded = platform.command("POST", "/api/projects/siv/meetings", coordinator, Map.of(
                    "id", healthy, "workPackage", 4, "kind", "CHECK_IN", "date", "2024-06-12", "title", "After the poison",
                    "organisations", List.of(), "participants", Map.of("women", 0, "men", 0, "other", 0), "notes", ""));
            assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);

            platform.awaitQuery("/api/projects/siv/activities?workPackage=4", coordinator,
                    answer -> answer.status() == 200 && answer.body().contains(healthy), Duration.ofSeconds(10));
            List<Map<String, Object>> parked = awaitDeadLetters(jdbc, poison, 2);
            assertThat(parked).extracting(row -> row.get("processing_group")).containsOnly("activities");
            // the failing event, and behind it the later event of the same activity, in their order
            assertThat(parked).extracting(row -> (String) row.get("payload_type")).containsExactly(
                    "se.samverkan.events.activity.MeetingHeld", "se.samverkan.events.activity.ActivityCancelled");
            assertThat((String) parked.get(0).get("cause_message")).isNotBlank();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM activity WHERE activity_id = ?", Long.class, poison)).isZero();
        } finally {
            jdbc.update("DELETE FROM dead_letter_entry WHERE aggregate_identifier = ?", poison);
            jdbc.update("DELETE FROM recent_change WHERE aggregate_id = ?", poison);
            jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_append_only");
            try {
                jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", poison);
            } finally {
                jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_append_only");
            }
        }
    }

    private static void appendRaw(JdbcTemplate jdbc, String aggregateId, long sequence, String payloadType, String payload) {
        jdbc.update("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                            payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Activity', ?, ?, '1', ?, ?)""",
                UUID.randomUUID().toString(), aggregateId, sequence, Instant.now().toString(), payloadType,
                payload.getBytes(), "{\"userId\":\"dead-letter-test\"}".getBytes());
    }

    private static List<Map<String, Object>> awaitDeadLetters(JdbcTemplate jdbc, String aggregateId, int expected) {
        return await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .alias("expected " + expected + " dead letters for " + aggregateId)
                .until(() -> jdbc.queryForList("SELECT processing_group, sequence_index, payload_type, cause_message"
                        + " FROM dead_letter_entry WHERE aggregate_identifier = ? ORDER BY sequence_index", aggregateId),
                        rows -> rows.size() >= expected);
    }
}
