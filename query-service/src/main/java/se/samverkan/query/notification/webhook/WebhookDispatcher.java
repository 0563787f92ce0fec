package se.samverkan.query.notification.webhook;

import se.samverkan.query.notification.EventFrame;
import se.samverkan.query.notification.EventFrames;
import se.samverkan.query.notification.NotificationWakeUps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.samverkan.query.platform.eventstore.StoredEvent;
import se.samverkan.query.platform.eventstore.StoredEvents;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends the queued notifications. A few worker threads each take the oldest pending delivery of one
 * subscription that is due now (FOR UPDATE SKIP LOCKED: another worker, here or in another instance,
 * skips that subscription meanwhile, so each subscription has at most one delivery in flight and its
 * events go out in order), POST it and record the attempt in the same transaction. A crash before the
 * commit leaves the row pending and it is sent again with the same webhook-id (at least once).
 *
 * <p>2xx: delivered. 410 Gone: the subscription is disabled. Anything else, a timeout (connect 5 s,
 * answer 10 s) or a refused target address: tried again after the next delay of the retry schedule
 * (±10% jitter); when the schedule is used up the delivery is parked and the subscription paused, so
 * that later events wait behind it in order; POST /replay resumes it. A broken receiver only ever
 * holds one worker at a time. An event that cannot be read from the store at all is parked at once, alone:
 * its subscription goes on with the next one.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Workers are woken when deliveries are queued: by this instance's outbox after its commit, and through the
     * samverkan_webhooks notification when another instance's outbox queued them. Without a wake-up (retries
     * coming due, a lost notification) the first worker looks this often; the others ten times less often, and
     * are woken whenever a worker found work.
     */
    static final Duration IDLE_POLL = NotificationWakeUps.FALLBACK_POLL;
    private static final int MAX_ERROR = 500;

    private static final String CLAIM = """
            SELECT d.delivery_id, d.subscription_id, d.global_index, d.event_identifier, d.event_type, d.project_id,
                   d.event_time, d.attempts, d.failures, s.url, s.secret_ciphertext
            FROM webhook_delivery d JOIN webhook_subscription s ON s.subscription_id = d.subscription_id
            WHERE d.delivery_id IN (SELECT DISTINCT ON (subscription_id) delivery_id FROM webhook_delivery
                                    WHERE status = 'PENDING' ORDER BY subscription_id, global_index)
              AND d.status = 'PENDING' AND d.next_attempt_at <= clock_timestamp() AND s.status = 'ACTIVE'
            ORDER BY d.next_attempt_at
            LIMIT 1
            FOR UPDATE OF d SKIP LOCKED""";

    record Claimed(long deliveryId, String subscriptionId, long globalIndex, String eventIdentifier, String eventType,
                   String projectId, Instant eventTime, int attempts, int failures, String url, byte[] secretCiphertext) {
    }

    /**
     * What one attempt came to: an HTTP status, or an error without one. {@code unreadable}: the stored event
     * cannot be read at all, so no attempt can ever succeed.
     */
    record Outcome(Integer statusCode, String error, boolean unreadable) {
        Outcome(Integer statusCode, String error) {
            this(statusCode, error, false);
        }

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        boolean gone() {
            return statusCode != null && statusCode == 410;
        }
    }

    /** Thrown through the delivery's transaction so that it rolls back and the delivery stays pending. */
    static final class StoppedWhileSending extends RuntimeException {
        StoppedWhileSending(InterruptedException cause) {
            super("interrupted while delivering; the delivery stays pending", cause);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StoredEvents store;
    private final EventFrames frames;
    private final WebhookSecrets secrets;
    private final WebhookTargets targets;
    private final WebhookSettings settings;
    private final MeterRegistry meters;
    private final Timer latency;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect could lead to an address the checks refuse
            .build();
    private final Object idle = new Object();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    public WebhookDispatcher(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, StoredEvents store,
                             EventFrames frames, WebhookSecrets secrets, WebhookTargets targets, WebhookSettings settings,
                             MeterRegistry meters, NotificationWakeUps wakeUps) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.store = store;
        this.frames = frames;
        this.secrets = secrets;
        this.targets = targets;
        this.settings = settings;
        this.meters = meters;
        this.latency = Timer.builder("samverkan.webhook.delivery.latency")
                .description("from storing an event to its delivery to a subscriber")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        wakeUps.onWebhooksQueued(this::wake);
    }

    /** New deliveries are queued: let idle workers look now. */
    public void wake() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    private void work(boolean lookout) {
        long idleWait = lookout ? IDLE_POLL.toMillis() : IDLE_POLL.toMillis() * 10;
        while (running) {
            boolean sent = false;
            try {
                sent = Boolean.TRUE.equals(transactions.execute(status -> deliverNext()));
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("A webhook delivery round failed; trying again: {}", e.toString());
                }
            }
            if (sent) {
                wake(); // there may be more: let idle workers take other subscriptions
            } else {
                synchronized (idle) {
                    try {
                        idle.wait(idleWait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** In one transaction: claims a due delivery, sends it and records the attempt. False when none is due. */
    boolean deliverNext() {
        List<Claimed> claimed = jdbc.query(CLAIM, (rs, i) -> new Claimed(rs.getLong("delivery_id"),
                rs.getString("subscription_id"), rs.getLong("global_index"), rs.getString("event_identifier"),
                rs.getString("event_type"), rs.getString("project_id"), rs.getTimestamp("event_time").toInstant(),
                rs.getInt("attempts"), rs.getInt("failures"), rs.getString("url"), rs.getBytes("secret_ciphertext")));
        if (claimed.isEmpty()) {
            return false;
        }
        Claimed delivery = claimed.get(0);
        Instant started = Instant.now();
        Outcome outcome;
        try {
            outcome = send(delivery);
        } catch (StoppedWhileSending e) {
            throw e;
        } catch (RuntimeException e) {
            // e.g. a secret that the configured key cannot decrypt: a failed attempt like any other, visible in the log
            outcome = new Outcome(null, "cannot prepare the delivery: " + e.getMessage());
        }
        record(delivery, outcome, started, Duration.between(started, Instant.now()));
        return true;
    }

    private Outcome send(Claimed delivery) {
        Optional<String> refused = targets.refusal(delivery.url());
        if (refused.isPresent()) {
            return new Outcome(null, "target refused: the URL " + refused.get());
        }
        Optional<EventFrame> frame = store.at(delivery.globalIndex()).flatMap(stored -> frameOf(stored, delivery.eventType()));
        if (frame.isEmpty()) {
            return new Outcome(null, "event " + delivery.globalIndex() + " cannot be read from the event store", true);
        }
        String body = WebhookMessage.cloudEvent(delivery.eventIdentifier(), delivery.projectId(), frame.get());
        WebhookMessage message = WebhookMessage.signed(WebhookMessage.webhookId(delivery.subscriptionId(), delivery.globalIndex()),
                Instant.now().getEpochSecond(), body, secrets.decrypt(delivery.secretCiphertext()));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(ANSWER_TIMEOUT)
                    .header("Content-Type", WebhookMessage.CONTENT_TYPE)
                    .header("webhook-id", message.webhookId())
                    .header("webhook-timestamp", Long.toString(message.timestamp()))
                    .header("webhook-signature", message.signature())
                    .header("User-Agent", "Samverkan-Webhooks/1")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Outcome(status, status >= 200 && status < 300 ? null : "the receiver answered HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Outcome(null, "timed out: " + e.getMessage());
        } catch (IOException e) {
            return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoppedWhileSending(e);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, "cannot send to this URL: " + e.getMessage());
        }
    }

    private Optional<EventFrame> frameOf(StoredEvent stored, String eventType) {
        List<EventFrame> all;
        try {
            all = frames.of(stored);
        } catch (RuntimeException e) {
            log.warn("Event {} ({}) cannot be read for a webhook: {}", stored.index(), stored.payloadType(), e.toString());
            return Optional.empty();
        }
        return all.stream().filter(f -> eventType.equals(f.name())).findFirst().or(() -> all.stream().findFirst());
    }

    private void record(Claimed delivery, Outcome outcome, Instant started, Duration took) {
        int attempt = delivery.attempts() + 1;
        jdbc.update("INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_ms)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", delivery.deliveryId(), attempt, Timestamp.from(started),
                outcome.statusCode(), truncate(outcome.error()), took.toMillis());
        String outcomeName;
        if (outcome.delivered()) {
            jdbc.update("""
                    UPDATE webhook_delivery SET status = 'DELIVERED', attempts = ?, last_status_code = ?, last_error = NULL,
                        delivered_at = clock_timestamp(), next_attempt_at = NULL WHERE delivery_id = ?""",
                    attempt, outcome.statusCode(), delivery.deliveryId());
            boolean replayed = delivery.attempts() > 0 && delivery.failures() == 0;
            if (!replayed) { // a replay re-sends old events on request: not a measure of delivery speed
                latency.record(Duration.between(delivery.eventTime(), Instant.now()));
            }
            outcomeName = "delivered";
        } else if (outcome.gone()) {
            jdbc.update("""
                    UPDATE webhook_delivery SET status = 'GONE', attempts = ?, last_status_code = 410, last_error = ?,
                        next_attempt_at = NULL WHERE delivery_id = ?""", attempt, truncate(outcome.error()), delivery.deliveryId());
            jdbc.update("UPDATE webhook_subscription SET status = 'DISABLED', status_reason = ? WHERE subscription_id = ?",
                    "disabled at " + Instant.now() + ": the receiver answered 410 Gone to event " + delivery.globalIndex(),
                    delivery.subscriptionId());
            log.info("Webhook subscription {} disabled: its receiver answered 410 Gone", delivery.subscriptionId());
            outcomeName = "gone";
        } else if (outcome.unreadable()) {
            // parked at once and alone: retrying cannot help, and the subscription's later events must not wait for it
            jdbc.update("""
                    UPDATE webhook_delivery SET status = 'PARKED', attempts = ?, failures = failures + 1, last_error = ?,
                        next_attempt_at = NULL WHERE delivery_id = ?""", attempt, truncate(outcome.error()), delivery.deliveryId());
            log.warn("Webhook delivery of event {} to subscription {} parked: {}", delivery.globalIndex(),
                    delivery.subscriptionId(), outcome.error());
            outcomeName = "unreadable";
        } else {
            int failures = delivery.failures() + 1;
            List<Duration> schedule = settings.retrySchedule();
            if (failures > schedule.size()) {
                jdbc.update("""
                        UPDATE webhook_delivery SET status = 'PARKED', attempts = ?, failures = ?, last_status_code = ?,
                            last_error = ?, next_attempt_at = NULL WHERE delivery_id = ?""",
                        attempt, failures, outcome.statusCode(), truncate(outcome.error()), delivery.deliveryId());
                jdbc.update("UPDATE webhook_subscription SET status = 'PAUSED', status_reason = ? WHERE subscription_id = ?",
                        "paused at " + Instant.now() + ": event " + delivery.globalIndex() + " was parked after " + failures
                                + " failed attempts (last: " + outcome.error() + "); later events wait; POST .../replay"
                                + " {since} resumes", delivery.subscriptionId());
                log.warn("Webhook delivery of event {} to subscription {} parked after {} attempts: {}",
                        delivery.globalIndex(), delivery.subscriptionId(), failures, outcome.error());
                outcomeName = "parked";
            } else {
                long delay = jittered(schedule.get(failures - 1)).toMillis();
                jdbc.update("""
                        UPDATE webhook_delivery SET attempts = ?, failures = ?, last_status_code = ?, last_error = ?,
                            next_attempt_at = clock_timestamp() + ? * interval '1 millisecond' WHERE delivery_id = ?""",
                        attempt, failures, outcome.statusCode(), truncate(outcome.error()), delay, delivery.deliveryId());
                outcomeName = "retry";
            }
        }
        Counter.builder("samverkan.webhook.deliveries").description("webhook delivery attempts by outcome")
                .tag("outcome", outcomeName).register(meters).increment();
    }

    static Duration jittered(Duration delay) {
        double factor = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    @Override
    public void start() {
        running = true;
        for (int i = 1; i <= settings.workers(); i++) {
            boolean lookout = i == 1;
            Thread worker = new Thread(() -> work(lookout), "webhook-delivery-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        log.info("{} webhook delivery workers started; retry schedule {}", settings.workers(), settings.retrySchedule());
    }

    @Override
    public void stop() {
        running = false;
        wake();
        // deliveries in flight get 2 s in all (not each: six slow targets would hold a SIGTERM up for 12 s);
        // an unfinished one stays pending and is delivered again after the restart
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Thread worker : workers) {
            try {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    worker.join(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.forEach(Thread::interrupt);
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
