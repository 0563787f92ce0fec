package se.samverkan.query.notification.webhook;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.samverkan.query.support.Platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * The webhook sender leases a delivery instead of locking it across the HTTP call: while a receiver takes its
 * time, no connection of the sender sits in a transaction and the delivery's row is not locked, yet the
 * subscription's next event waits behind it; a lease whose worker died is taken again once it expires, and
 * the dead worker's late outcome changes nothing; a replay while a delivery is in flight sends it again.
 */
class WebhookLeaseIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Long enough for the checks below to run while the receiver still holds the first delivery. */
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(6);
    private static Platform platform;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        platform = Platform.get();
        platform.playScenarioOnce();
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void whileASlowReceiverAnswersNoConnectionIsHeldInATransactionAndTheRowIsNotLockedYetTheNextEventWaits() {
        String project = createProject();
        String partner = platform.issueToken("PARTNER", List.of(project));
        String path = "/slow-" + project;
        receiver.slowDown(path, SLOW_ANSWER);
        String subscription = subscribe(partner, receiver.url(path), project);
        String first = "lease-first-" + UUID.randomUUID();
        String second = "lease-second-" + UUID.randomUUID();
        platform.recordMeeting(project, first, "Lease " + first);
        platform.recordMeeting(project, second, "Lease " + second);
        JdbcTemplate jdbc = platform.jdbc();
        // both queued before the first answer comes, so that only the one-in-flight rule keeps the second back
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?", Integer.class, subscription) == 2);

        receiver.await(path, 1, WAIT); // the receiver has the first request and sits on it

        // only SELECT ... FOR UPDATE takes a RowShareLock on the table; queuing and recording take RowExclusiveLock
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
                WHERE a.state LIKE 'idle in transaction%' AND l.relation = 'webhook_delivery'::regclass
                  AND l.mode = 'RowShareLock'""",
                Integer.class)).as("connections sitting in a transaction after claiming a delivery").isZero();
        long firstIndex = platform.globalIndexOf(first);
        TransactionTemplate transaction = new TransactionTemplate(platform.queryService().getBean(PlatformTransactionManager.class));
        assertThatCode(() -> transaction.executeWithoutResult(status -> {
            jdbc.queryForList("SELECT delivery_id FROM webhook_delivery WHERE subscription_id = ? AND global_index = ?"
                    + " FOR UPDATE NOWAIT", subscription, firstIndex);
            status.setRollbackOnly();
        })).as("the delivery in flight is not row-locked").doesNotThrowAnyException();
        Map<String, Object> inFlight = jdbc.queryForMap("SELECT status, claimed_by, claimed_until > clock_timestamp() AS leased"
                + " FROM webhook_delivery WHERE subscription_id = ? AND global_index = ?", subscription, firstIndex);
        assertThat(inFlight).containsEntry("status", "PENDING").containsEntry("leased", true);
        assertThat(inFlight.get("claimed_by")).isNotNull();
        assertThat(receiver.all(path)).as("the next event waits while the first is in flight").hasSize(1);

        List<WebhookReceiver.Received> received = receiver.await(path, 2, WAIT);
        assertThat(received).extracting(r -> r.json().get("subject").asText()).containsExactly(first, second);
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForList("SELECT status, attempts, claimed_by IS NULL"
                + " AS released FROM webhook_delivery WHERE subscription_id = ? ORDER BY global_index", subscription))
                .containsExactly(Map.of("status", "DELIVERED", "attempts", 1, "released", true),
                        Map.of("status", "DELIVERED", "attempts", 1, "released", true)));
    }

    @Test
    void aLeaseWhoseWorkerDiedIsTakenAgainWhenItExpiresAndTheDeadWorkersLateOutcomeChangesNothing() {
        WebhookDispatcher dispatcher = platform.queryService().getBean(WebhookDispatcher.class);
        dispatcher.stop(); // this test sends by hand, so that no worker thread races it
        try {
            String project = createProject();
            String partner = platform.issueToken("PARTNER", List.of(project));
            String path = "/lease-" + project;
            String subscription = subscribe(partner, receiver.url(path), project);
            String meeting = "lease-meeting-" + UUID.randomUUID();
            platform.recordMeeting(project, meeting, "Lease " + meeting);
            long index = platform.globalIndexOf(meeting);
            JdbcTemplate jdbc = platform.jdbc();
            await().atMost(WAIT).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?", Integer.class, subscription) == 1);
            // a worker claimed it and was killed before it recorded anything: its lease is still running
            String deadClaim = "webhook-delivery-1@dead#1";
            jdbc.update("UPDATE webhook_delivery SET claimed_by = ?, claimed_until = clock_timestamp() + interval '1 hour'"
                    + " WHERE subscription_id = ?", deadClaim, subscription);
            WebhookDispatcher.Claimed dead = jdbc.queryForObject("""
                    SELECT d.*, s.url, s.secret_ciphertext FROM webhook_delivery d
                    JOIN webhook_subscription s ON s.subscription_id = d.subscription_id WHERE d.subscription_id = ?""",
                    (rs, i) -> new WebhookDispatcher.Claimed(deadClaim, rs.getLong("delivery_id"), subscription, index,
                            rs.getString("event_identifier"), rs.getString("event_type"), project,
                            rs.getTimestamp("event_time").toInstant(), rs.getInt("attempts"), rs.getInt("failures"),
                            rs.getString("url"), rs.getBytes("secret_ciphertext")), subscription);

            sendEverythingDue(dispatcher);
            assertThat(receiver.all(path)).as("a running lease keeps every other worker off").isEmpty();

            jdbc.update("UPDATE webhook_delivery SET claimed_until = clock_timestamp() WHERE subscription_id = ?",
                    subscription); // the lease runs out
            sendEverythingDue(dispatcher);
            List<WebhookReceiver.Received> received = receiver.await(path, 1, WAIT);
            assertThat(received).singleElement().satisfies(r -> {
                assertThat(r.header("webhook-id")).isEqualTo("msg_" + subscription + "_" + index);
                assertThat(r.json().get("subject").asText()).isEqualTo(meeting);
            });

            // the dead worker's HTTP call comes back late with an error: the claim is no longer its own
            TransactionTemplate transaction = new TransactionTemplate(
                    platform.queryService().getBean(PlatformTransactionManager.class));
            transaction.executeWithoutResult(status -> dispatcher.record(dead,
                    new WebhookDispatcher.Outcome(500, "the receiver answered HTTP 500"), Instant.now(), Duration.ZERO));
            assertThat(jdbc.queryForMap("SELECT status, attempts, failures, claimed_by IS NULL AS released"
                    + " FROM webhook_delivery WHERE subscription_id = ?", subscription))
                    .isEqualTo(Map.of("status", "DELIVERED", "attempts", 1, "failures", 0, "released", true));
            assertThat(jdbc.queryForList("SELECT a.status_code FROM webhook_attempt a JOIN webhook_delivery d"
                    + " ON d.delivery_id = a.delivery_id WHERE d.subscription_id = ?", Integer.class, subscription))
                    .containsExactly(200);
        } finally {
            dispatcher.start();
        }
    }

    @Test
    void aReplayWhileADeliveryIsInFlightSendsItAgainAndTheEarlierAttemptsOutcomeChangesNothing() {
        WebhookDispatcher dispatcher = platform.queryService().getBean(WebhookDispatcher.class);
        dispatcher.stop(); // this test sends by hand, so that no worker thread races it
        try {
            String project = createProject();
            String partner = platform.issueToken("PARTNER", List.of(project));
            String path = "/replayed-" + project;
            String subscription = subscribe(partner, receiver.url(path), project);
            Instant before = Instant.now().minusSeconds(1);
            String meeting = "lease-replayed-" + UUID.randomUUID();
            platform.recordMeeting(project, meeting, "Lease " + meeting);
            long index = platform.globalIndexOf(meeting);
            JdbcTemplate jdbc = platform.jdbc();
            await().atMost(WAIT).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?", Integer.class, subscription) == 1);
            String inFlightClaim = "webhook-delivery-2@elsewhere#7"; // a worker is sending it right now
            jdbc.update("UPDATE webhook_delivery SET claimed_by = ?, claimed_until = clock_timestamp() + interval '1 hour'"
                    + " WHERE subscription_id = ?", inFlightClaim, subscription);
            WebhookDispatcher.Claimed inFlight = jdbc.queryForObject("""
                    SELECT d.*, s.url, s.secret_ciphertext FROM webhook_delivery d
                    JOIN webhook_subscription s ON s.subscription_id = d.subscription_id WHERE d.subscription_id = ?""",
                    (rs, i) -> new WebhookDispatcher.Claimed(inFlightClaim, rs.getLong("delivery_id"), subscription, index,
                            rs.getString("event_identifier"), rs.getString("event_type"), project,
                            rs.getTimestamp("event_time").toInstant(), rs.getInt("attempts"), rs.getInt("failures"),
                            rs.getString("url"), rs.getBytes("secret_ciphertext")), subscription);

            Platform.Answer replay = platform.send(platform.queryUrl(), "POST", "/api/subscriptions/" + subscription + "/replay",
                    partner, Map.of("since", before.toString()), Map.of());
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
            assertThat(replay.json().get("queued").asInt()).isEqualTo(1);
            TransactionTemplate transaction = new TransactionTemplate(
                    platform.queryService().getBean(PlatformTransactionManager.class));
            transaction.executeWithoutResult(status -> dispatcher.record(inFlight,
                    new WebhookDispatcher.Outcome(200, null), Instant.now(), Duration.ZERO));
            assertThat(jdbc.queryForMap("SELECT status, attempts, claimed_by IS NULL AS released FROM webhook_delivery"
                    + " WHERE subscription_id = ?", subscription))
                    .as("the attempt that began before the replay does not mark the replayed event done")
                    .isEqualTo(Map.of("status", "PENDING", "attempts", 0, "released", true));

            sendEverythingDue(dispatcher);
            assertThat(receiver.await(path, 1, WAIT)).singleElement()
                    .satisfies(r -> assertThat(r.header("webhook-id")).isEqualTo("msg_" + subscription + "_" + index));
            assertThat(jdbc.queryForMap("SELECT status, attempts FROM webhook_delivery WHERE subscription_id = ?", subscription))
                    .isEqualTo(Map.of("status", "DELIVERED", "attempts", 1));
        } finally {
            dispatcher.start();
        }
    }

    /** Sends due deliveries on this thread until none is due (others' too: they would be sent anyway). */
    private static void sendEverythingDue(WebhookDispatcher dispatcher) {
        int rounds = 0;
        while (dispatcher.deliverNext()) {
            assertThat(++rounds).as("deliveries sent in one go").isLessThan(1_000);
        }
    }

    private static String subscribe(String token, String url, String project) {
        Platform.Answer answer = platform.send(platform.queryUrl(), "POST", "/api/subscriptions", token,
                Map.of("url", url, "eventTypes", List.of("MeetingHeld"), "projects", List.of(project)), Map.of());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asText();
    }

    private static String createProject() {
        String id = "lease-" + UUID.randomUUID().toString().substring(0, 8);
        platform.createProject(id, "Webhook lease test " + id);
        return id;
    }
}
