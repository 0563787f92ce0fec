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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the queued notifications. A few worker threads each claim the oldest pending delivery of one
 * subscription that is due now, in one short statement that commits at once: it sets a lease
 * (claimed_by, claimed_until; FOR UPDATE SKIP LOCKED so that concurrent claims, here or in another instance,
 * pass each other), and a subscription whose oldest pending delivery is leased is skipped, so each
 * subscription has at most one delivery in flight and its events go out in order. The HTTP call is then
 * made with no database connection held, and its outcome recorded in a second short transaction that only
 * counts while the lease is still this claim's: a worker that was too slow, or whose delivery was replayed
 * meanwhile, changes nothing. A worker that dies leaves its lease to expire ({@link #LEASE}); the delivery is
 * then sent again with the same webhook-id (at least once).
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
     * samverkan_webhooks notification when another instance's outbox queued them or a replay did; a retry this
     * instance scheduled wakes them when it comes due. Without a wake-up (a lost notification, another
     * instance's retry, an expired lease) the first worker looks this often; the others ten times less often,
     * and are woken whenever a worker found work.
     */
    static final Duration IDLE_POLL = NotificationWakeUps.FALLBACK_POLL;
    /**
     * How long a claim keeps other workers off its delivery: well beyond the longest HTTP call (connect and
     * answer, 15 s), so that only a worker that died (or hangs) loses it.
     */
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final int MAX_ERROR = 500;

    /** Claims the oldest due delivery of a subscription none of whose deliveries is in flight; commits at once. */
    private static final String CLAIM = """
            WITH next AS (
                SELECT d.delivery_id FROM webhook_delivery d JOIN webhook_subscription s ON s.subscription_id = d.subscription_id
                WHERE d.delivery_id IN (SELECT DISTINCT ON (subscription_id) delivery_id FROM webhook_delivery
                                        WHERE status = 'PENDING' ORDER BY subscription_id, global_index)
                  AND d.status = 'PENDING' AND d.next_attempt_at <= clock_timestamp() AND s.status = 'ACTIVE'
                  AND (d.claimed_until IS NULL OR d.claimed_until <= clock_timestamp())
                ORDER BY d.next_attempt_at
                LIMIT 1
                FOR UPDATE OF d SKIP LOCKED)
            UPDATE webhook_delivery d SET claimed_by = ?, claimed_until = clock_timestamp() + ? * interval '1 millisecond'
            FROM next, webhook_subscription s
            WHERE d.delivery_id = next.delivery_id AND s.subscription_id = d.subscription_id
            RETURNING d.delivery_id, d.subscription_id, d.global_index, d.event_identifier, d.event_type, d.project_id,
                      d.event_time, d.attempts, d.failures, s.url, s.secret_ciphertext""";

    /** The outcome of a claim counts only while the claim is still this one (not expired and taken, nor replayed). */
    private static final String STILL_CLAIMED = " AND claimed_by = ? AND status = 'PENDING'";

    record Claimed(String claim, long deliveryId, String subscriptionId, long globalIndex, String eventIdentifier, String eventType,
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

    /** The worker was stopped during the HTTP call: its claim is given back and the delivery stays pending. */
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
    /** Names this instance in its claims (with the worker and a counter), so that every claim is its own. */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong claims = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    /** Wakes the workers when a retry this instance scheduled comes due. */
    private volatile ScheduledExecutorService retryAlarm;
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

    /** Wakes the workers once {@code delay} has passed (a retry comes due). */
    private void wakeAfter(Duration delay) {
        ScheduledExecutorService alarm = retryAlarm;
        if (alarm != null) {
            try {
                alarm.schedule(this::wake, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // stopped: the retry is found after the restart
            }
        }
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
                sent = deliverNext();
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

    /**
     * Claims a due delivery, sends it with no connection held and records the attempt. False when none is due.
     */
    boolean deliverNext() {
        Optional<Claimed> claimed = claim();
        if (claimed.isEmpty()) {
            return false;
        }
        Claimed delivery = claimed.get();
        Instant started = Instant.now();
        Outcome outcome;
        try {
            outcome = send(delivery);
        } catch (StoppedWhileSending e) {
            release(delivery);
            throw e;
        } catch (RuntimeException e) {
            // e.g. a secret that the configured key cannot decrypt: a failed attempt like any other, visible in the log
            outcome = new Outcome(null, "cannot prepare the delivery: " + e.getMessage());
        }
        Duration took = Duration.between(started, Instant.now());
        Outcome result = outcome;
        transactions.executeWithoutResult(status -> record(delivery, result, started, took));
        return true;
    }

    /** The oldest due delivery of a subscription with none in flight, leased to this claim (committed at once). */
    Optional<Claimed> claim() {
        String claim = Thread.currentThread().getName() + "@" + instance + "#" + claims.incrementAndGet();
        return jdbc.query(CLAIM, (rs, i) -> new Claimed(claim, rs.getLong("delivery_id"),
                rs.getString("subscription_id"), rs.getLong("global_index"), rs.getString("event_identifier"),
                rs.getString("event_type"), rs.getString("project_id"), rs.getTimestamp("event_time").toInstant(),
                rs.getInt("attempts"), rs.getInt("failures"), rs.getString("url"), rs.getBytes("secret_ciphertext")),
                claim, LEASE.toMillis()).stream().findFirst();
    }

    /** Gives a claim back unsent, so that the delivery need not wait for its lease to expire. */
    private void release(Claimed delivery) {
        boolean interrupted = Thread.interrupted(); // the pool would refuse an interrupted thread its connection
        try {
            jdbc.update("UPDATE webhook_delivery SET claimed_by = NULL, claimed_until = NULL WHERE delivery_id = ?"
                    + STILL_CLAIMED, delivery.deliveryId(), delivery.claim());
        } catch (RuntimeException e) {
            log.info("Could not give back the claim of webhook delivery {} (its lease expires by itself): {}",
                    delivery.deliveryId(), e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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

    /**
     * Records the attempt, in one short transaction, if the claim still holds; otherwise (its lease expired and
     * another worker took the delivery, a replay queued it again, the subscription was deleted) changes nothing.
     */
    void record(Claimed delivery, Outcome outcome, Instant started, Duration took) {
        int attempt = delivery.attempts() + 1;
        String outcomeName;
        if (outcome.delivered()) {
            if (!recorded(delivery, """
                    UPDATE webhook_delivery SET status = 'DELIVERED', attempts = ?, last_status_code = ?, last_error = NULL,
                        delivered_at = clock_timestamp(), next_attempt_at = NULL""",
                    attempt, outcome.statusCode())) {
                return;
            }
            boolean replayed = delivery.attempts() > 0 && delivery.failures() == 0;
            if (!replayed) { // a replay re-sends old events on request: not a measure of delivery speed
                latency.record(Duration.between(delivery.eventTime(), Instant.now()));
            }
            outcomeName = "delivered";
        } else if (outcome.gone()) {
            if (!recorded(delivery, """
                    UPDATE webhook_delivery SET status = 'GONE', attempts = ?, last_status_code = 410, last_error = ?,
                        next_attempt_at = NULL""", attempt, truncate(outcome.error()))) {
                return;
            }
            jdbc.update("UPDATE webhook_subscription SET status = 'DISABLED', status_reason = ? WHERE subscription_id = ?",
                    "disabled at " + Instant.now() + ": the receiver answered 410 Gone to event " + delivery.globalIndex(),
                    delivery.subscriptionId());
            log.info("Webhook subscription {} disabled: its receiver answered 410 Gone", delivery.subscriptionId());
            outcomeName = "gone";
        } else if (outcome.unreadable()) {
            // parked at once and alone: retrying cannot help, and the subscription's later events must not wait for it
            if (!recorded(delivery, """
                    UPDATE webhook_delivery SET status = 'PARKED', attempts = ?, failures = failures + 1, last_error = ?,
                        next_attempt_at = NULL""", attempt, truncate(outcome.error()))) {
                return;
            }
            log.warn("Webhook delivery of event {} to subscription {} parked: {}", delivery.globalIndex(),
                    delivery.subscriptionId(), outcome.error());
            outcomeName = "unreadable";
        } else {
            int failures = delivery.failures() + 1;
            List<Duration> schedule = settings.retrySchedule();
            if (failures > schedule.size()) {
                if (!recorded(delivery, """
                        UPDATE webhook_delivery SET status = 'PARKED', attempts = ?, failures = ?, last_status_code = ?,
                            last_error = ?, next_attempt_at = NULL""",
                        attempt, failures, outcome.statusCode(), truncate(outcome.error()))) {
                    return;
                }
                jdbc.update("UPDATE webhook_subscription SET status = 'PAUSED', status_reason = ? WHERE subscription_id = ?",
                        "paused at " + Instant.now() + ": event " + delivery.globalIndex() + " was parked after " + failures
                                + " failed attempts (last: " + outcome.error() + "); later events wait; POST .../replay"
                                + " {since} resumes", delivery.subscriptionId());
                log.warn("Webhook delivery of event {} to subscription {} parked after {} attempts: {}",
                        delivery.globalIndex(), delivery.subscriptionId(), failures, outcome.error());
                outcomeName = "parked";
            } else {
                long delay = jittered(schedule.get(failures - 1)).toMillis();
                if (!recorded(delivery, """
                        UPDATE webhook_delivery SET attempts = ?, failures = ?, last_status_code = ?, last_error = ?,
                            next_attempt_at = clock_timestamp() + ? * interval '1 millisecond'""",
                        attempt, failures, outcome.statusCode(), truncate(outcome.error()), delay)) {
                    return;
                }
                wakeAfter(Duration.ofMillis(delay));
                outcomeName = "retry";
            }
        }
        jdbc.update("INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_ms)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", delivery.deliveryId(), attempt, Timestamp.from(started),
                outcome.statusCode(), truncate(outcome.error()), took.toMillis());
        Counter.builder("samverkan.webhook.deliveries").description("webhook delivery attempts by outcome")
                .tag("outcome", outcomeName).register(meters).increment();
    }

    /**
     * Applies {@code update} (a SET clause, its parameters first) to the claimed delivery, ending the claim; false,
     * with nothing changed, when the claim no longer holds.
     */
    private boolean recorded(Claimed delivery, String update, Object... parameters) {
        Object[] all = Arrays.copyOf(parameters, parameters.length + 2);
        all[parameters.length] = delivery.deliveryId();
        all[parameters.length + 1] = delivery.claim();
        int updated = jdbc.update(update + ", claimed_by = NULL, claimed_until = NULL WHERE delivery_id = ?" + STILL_CLAIMED, all);
        if (updated == 0) {
            log.info("Webhook delivery of event {} to subscription {}: the claim no longer holds (lease expired and"
                            + " taken, replayed or deleted meanwhile); this attempt is not recorded", delivery.globalIndex(),
                    delivery.subscriptionId());
            Counter.builder("samverkan.webhook.deliveries").description("webhook delivery attempts by outcome")
                    .tag("outcome", "claim-lost").register(meters).increment();
            return false;
        }
        return true;
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
        retryAlarm = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread alarm = new Thread(runnable, "webhook-retry-alarm");
            alarm.setDaemon(true);
            return alarm;
        });
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
        retryAlarm.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
