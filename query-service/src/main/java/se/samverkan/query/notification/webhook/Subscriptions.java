package se.samverkan.query.notification.webhook;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import se.samverkan.platform.eventstore.EventStoreSchema;
import se.samverkan.query.platform.consistency.StoreNotifications;

import se.samverkan.query.platform.eventstore.ProjectOfPayload;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The webhook subscriptions and their delivery log (tables of V5__webhooks.sql). */
@Repository
public class Subscriptions {

    static final String ACTIVE = "ACTIVE";
    static final String PAUSED = "PAUSED";
    static final String DISABLED = "DISABLED";

    /** A subscription as its owner sees it: never the secret. */
    public record Subscription(String id, String url, List<String> eventTypes, List<String> projects, String status,
                               String statusReason, Instant createdAt) {
    }

    public record Attempt(int attempt, Instant at, Integer statusCode, String error, long durationMs) {
    }

    public record Delivery(String webhookId, long eventIndex, String eventId, String eventType, String projectId,
                           Instant eventTime, String status, int attempts, Instant nextAttemptAt, Integer lastStatusCode,
                           String lastError, Instant deliveredAt, List<Attempt> attemptLog) {
    }

    private static final RowMapper<Subscription> SUBSCRIPTION = (rs, i) -> new Subscription(rs.getString("subscription_id"),
            rs.getString("url"), strings(rs.getArray("event_types")), strings(rs.getArray("projects")), rs.getString("status"),
            rs.getString("status_reason"), instant(rs.getTimestamp("created_at")));

    private final JdbcTemplate jdbc;

    public Subscriptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new subscription that receives the events after {@code startsAfter} (a global index). */
    String create(String ownerId, String url, List<String> eventTypes, List<String> projects, byte[] secretCiphertext,
                  long startsAfter) {
        String id = "sub_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.update("""
                INSERT INTO webhook_subscription (subscription_id, owner_id, url, event_types, projects, secret_ciphertext,
                    status, created_at, starts_after)
                VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', clock_timestamp(), ?)""",
                id, ownerId, url, eventTypes.toArray(String[]::new), projects.toArray(String[]::new), secretCiphertext, startsAfter);
        return id;
    }

    List<Subscription> ofOwner(String ownerId) {
        return jdbc.query("SELECT * FROM webhook_subscription WHERE owner_id = ? ORDER BY created_at, subscription_id",
                SUBSCRIPTION, ownerId);
    }

    Optional<Subscription> find(String id, String ownerId) {
        return jdbc.query("SELECT * FROM webhook_subscription WHERE subscription_id = ? AND owner_id = ?", SUBSCRIPTION,
                id, ownerId).stream().findFirst();
    }

    /** Deletes the subscription with its queue and log; false when the owner has no such subscription. */
    boolean delete(String id, String ownerId) {
        return jdbc.update("DELETE FROM webhook_subscription WHERE subscription_id = ? AND owner_id = ?", id, ownerId) > 0;
    }

    /** The newest {@code limit} deliveries, newest first, each with every attempt. */
    List<Delivery> deliveries(String subscriptionId, int limit) {
        record Row(long deliveryId, Delivery delivery) {
        }
        List<Row> rows = jdbc.query("""
                SELECT * FROM webhook_delivery WHERE subscription_id = ? ORDER BY global_index DESC LIMIT ?""",
                (rs, i) -> new Row(rs.getLong("delivery_id"), new Delivery(
                        WebhookMessage.webhookId(subscriptionId, rs.getLong("global_index")), rs.getLong("global_index"),
                        rs.getString("event_identifier"), rs.getString("event_type"), rs.getString("project_id"),
                        instant(rs.getTimestamp("event_time")), rs.getString("status"), rs.getInt("attempts"),
                        "PENDING".equals(rs.getString("status")) ? instant(rs.getTimestamp("next_attempt_at")) : null,
                        (Integer) rs.getObject("last_status_code"), rs.getString("last_error"),
                        instant(rs.getTimestamp("delivered_at")), new ArrayList<>())),
                subscriptionId, limit);
        Map<Long, List<Attempt>> attempts = new LinkedHashMap<>();
        rows.forEach(row -> attempts.put(row.deliveryId(), row.delivery().attemptLog()));
        if (!rows.isEmpty()) {
            jdbc.query("SELECT * FROM webhook_attempt WHERE delivery_id = ANY(?) ORDER BY delivery_id, attempt",
                    rs -> {
                        attempts.get(rs.getLong("delivery_id")).add(new Attempt(rs.getInt("attempt"),
                                instant(rs.getTimestamp("attempted_at")), (Integer) rs.getObject("status_code"),
                                rs.getString("error"), rs.getLong("duration_ms")));
                    },
                    (Object) attempts.keySet().toArray(Long[]::new));
        }
        return rows.stream().map(Row::delivery).toList();
    }

    /**
     * Queues again every event of the subscription's projects and types stored at or after {@code since}
     * (delivered, parked or pending alike; also events from before the subscription was made) and makes
     * a paused or disabled subscription active again. A delivery in flight meanwhile loses its claim, so that it
     * goes out again rather than being marked done by the attempt that began before the replay. Answers the
     * number of events queued.
     */
    @Transactional
    public int replay(Subscription subscription, Instant since) {
        Set<String> projects = Set.copyOf(subscription.projects());
        Set<String> types = Set.copyOf(subscription.eventTypes());
        String[] markers = projects.stream().map(p -> new String(ProjectOfPayload.marker(p), StandardCharsets.UTF_8))
                .toArray(String[]::new);
        // time_stamp holds ISO-8601 instants: every one at or after 'since' sorts at or after this text
        String notBefore = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                since.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toLocalDateTime());
        List<Object[]> queue = new ArrayList<>();
        // which project and type an event has, and when it was stored, is decided here in Java (no jsonb, no casts in
        // SQL), so no stored payload or time stamp can make a replay fail; SQL only pre-selects by bytes, the
        // ProjectEvent decides (ProjectOfPayload)
        jdbc.query("SELECT global_index, event_identifier, payload_type, time_stamp, payload FROM " + EventStoreSchema.EVENT_TABLE
                        + " WHERE time_stamp >= ? AND EXISTS (SELECT 1 FROM unnest(?::text[]) m"
                        + " WHERE position(convert_to(m, 'UTF8') in payload) > 0) ORDER BY global_index",
                (ResultSet rs) -> {
                    Instant storedAt = instantOrNull(rs.getString("time_stamp"));
                    String payloadType = rs.getString("payload_type");
                    String projectId = ProjectOfPayload.of(payloadType, rs.getBytes("payload"));
                    String type = payloadType.substring(payloadType.lastIndexOf('.') + 1);
                    if (storedAt != null && !storedAt.isBefore(since) && projectId != null && projects.contains(projectId)
                            && (types.isEmpty() || types.contains(type))) {
                        queue.add(new Object[] {subscription.id(), rs.getLong("global_index"), rs.getString("event_identifier"),
                                type, projectId, Timestamp.from(storedAt)});
                    }
                }, notBefore, markers);
        int[][] queued = jdbc.batchUpdate("""
                INSERT INTO webhook_delivery (subscription_id, global_index, event_identifier, event_type, project_id,
                    event_time, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, clock_timestamp())
                ON CONFLICT (subscription_id, global_index) DO UPDATE SET status = 'PENDING', failures = 0,
                    next_attempt_at = clock_timestamp(), delivered_at = NULL, claimed_by = NULL, claimed_until = NULL""",
                queue, 500, (ps, row) -> {
            for (int k = 0; k < row.length; k++) {
                ps.setObject(k + 1, row[k]);
            }
        });
        jdbc.update("UPDATE webhook_subscription SET status = 'ACTIVE', status_reason = NULL WHERE subscription_id = ?",
                subscription.id());
        // the workers of every instance look when this commits, rather than at their next fallback poll
        jdbc.query("SELECT pg_notify(?, '')", rs -> null, StoreNotifications.WEBHOOKS_QUEUED);
        return Arrays.stream(queued).flatMapToInt(Arrays::stream).map(n -> n == Statement.SUCCESS_NO_INFO ? 1 : n).sum();
    }

    private static Instant instantOrNull(String storedTimestamp) {
        try {
            return storedTimestamp == null ? null : Instant.parse(storedTimestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
