package se.samverkan.query.notification.stream;

import se.samverkan.query.platform.eventstore.StoredEvent;
import se.samverkan.query.platform.eventstore.StoredEvents;
import se.samverkan.query.notification.EventFrame;
import se.samverkan.query.notification.EventFrames;
import se.samverkan.query.notification.NotificationWakeUps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one reader of the event store behind every open event stream of this instance: it reads
 * domain_event_entry by global index when PostgreSQL notifies that events were committed ({@link #wake()},
 * see NotificationWakeUps), every {@link NotificationWakeUps#FALLBACK_POLL} as a fallback, and every
 * {@link #HOLE_RECHECK} while it waits for a hole; it hands each event to the streams of its project.
 *
 * <p>It hands events out strictly in index order and never skips one that may still appear, because a
 * client resumes with one number (Last-Event-ID) and must then miss nothing. Indexes come from a
 * sequence when a transaction inserts, but become visible when it commits, so index 41 may show up
 * after 42. When the tailer sees a hole below a visible event it stops there. The hole is filled when
 * the transaction that holds it commits; it is a permanent hole when that transaction rolled back
 * (a failed append burns its index). Which one it is: every transaction that can own such a hole took
 * its index before the visible event committed, so after a short grace period it is either finished or
 * in the list of running transactions of a PostgreSQL snapshot; the tailer waits until every
 * transaction of that list has ended, reads once more, and then passes the holes that are still
 * empty. A rolled-back append thus holds the stream up for about a quarter of a second. As a last
 * resort a hole is passed after {@link #GAP_LIMIT} (a transaction open that long is not an append).
 */
@Component
public class EventTailer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventTailer.class);
    /** Without a wake-up (a lost notification, a broken listen connection) the tailer still reads this often. */
    static final Duration POLL_INTERVAL = NotificationWakeUps.FALLBACK_POLL;
    /** How soon the tailer looks again while it waits for a hole to settle. */
    static final Duration HOLE_RECHECK = Duration.ofMillis(100);
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    static final Duration GAP_GRACE = Duration.ofMillis(200);
    static final Duration GAP_LIMIT = Duration.ofSeconds(10);
    private static final int BATCH = 500;
    /** On start the tailer looks this far back for holes that may still be in flight. */
    private static final int STARTUP_WINDOW = 1_000;

    private final StoredEvents store;
    private final EventFrames frames;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newCachedThreadPool(daemonThreads("event-stream-send-"));
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean running;
    /** Tailer thread only: a look after HOLE_RECHECK is scheduled. */
    private boolean recheckScheduled;
    /** The index of the last event handed out; everything at or below it is settled. Guarded by this. */
    private long position;
    /** Tailer thread only. */
    private Hole hole;

    public EventTailer(StoredEvents store, EventFrames frames, NotificationWakeUps wakeUps) {
        this.store = store;
        this.frames = frames;
        wakeUps.onEventsStored(this::wake);
    }

    /**
     * Opens a stream of a project: the events after {@code resumeAfter} (-1: none, start live) from the
     * database, then every new one.
     */
    public void subscribe(String projectId, long resumeAfter, SseEmitter emitter) {
        Subscriber[] self = new Subscriber[1];
        Subscriber subscriber = new Subscriber(projectId, resumeAfter, emitter, senders, this::history,
                () -> unsubscribe(self[0]));
        self[0] = subscriber;
        emitter.onCompletion(subscriber::close);
        emitter.onTimeout(subscriber::close);
        emitter.onError(error -> subscriber.close());
        synchronized (this) {
            subscribers.computeIfAbsent(projectId, p -> ConcurrentHashMap.newKeySet()).add(subscriber);
            subscriber.registeredAt(position);
        }
    }

    private synchronized void unsubscribe(Subscriber subscriber) {
        Set<Subscriber> ofProject = subscribers.get(subscriber.projectId());
        if (ofProject != null) {
            ofProject.remove(subscriber);
            if (ofProject.isEmpty()) {
                subscribers.remove(subscriber.projectId());
            }
        }
    }

    int openStreams() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * The frames of the project's next events; empty only at the end. An event that cannot be read gives no
     * frame, so a batch of nothing but such events is read past here rather than ending the catch-up.
     */
    private List<EventFrame> history(String projectId, long after, long upTo, int limit) {
        long from = after;
        while (true) {
            List<StoredEvent> events = store.ofProject(projectId, from, upTo, limit);
            List<EventFrame> result = new ArrayList<>();
            for (StoredEvent event : events) {
                result.addAll(decode(event));
            }
            if (!result.isEmpty() || events.isEmpty()) {
                return result;
            }
            from = events.get(events.size() - 1).index();
        }
    }

    /** One round: settle the hole (if any), read what follows the position, hand out what is settled. */
    void poll() {
        Instant now = Instant.now();
        boolean holeSettled = hole != null && hole.settled(now);
        List<StoredEvent> events = store.after(currentPosition(), BATCH);
        List<StoredEvent> settled = new ArrayList<>();
        long expected = currentPosition() + 1;
        for (StoredEvent event : events) {
            if (event.index() != expected) {
                long missingUpTo = event.index() - 1;
                if (hole == null || expected > hole.upTo) {
                    hole = new Hole(expected, events.get(events.size() - 1).index(), now);
                    break;
                }
                if (!holeSettled) {
                    break;
                }
                if (missingUpTo > hole.upTo) {
                    // holes beyond the settled range are newer: they get their own grace and watch
                    hole = new Hole(expected, events.get(events.size() - 1).index(), now);
                    break;
                }
                log.debug("Passing global indexes {}..{}: no transaction holds them any more", expected, missingUpTo);
            }
            settled.add(event);
            expected = event.index() + 1;
        }
        handOut(settled);
        if (hole != null && currentPosition() >= hole.upTo) {
            hole = null;
        }
    }

    private synchronized long currentPosition() {
        return position;
    }

    private void handOut(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        // decode outside the lock; a stream that opens meanwhile is served below all the same
        Map<Long, List<EventFrame>> decoded = new HashMap<>();
        for (StoredEvent event : events) {
            if (event.projectId() != null && subscribers.containsKey(event.projectId())) {
                decoded.put(event.index(), decode(event));
            }
        }
        synchronized (this) {
            for (StoredEvent event : events) {
                Set<Subscriber> audience = event.projectId() == null ? null : subscribers.get(event.projectId());
                if (audience != null && !audience.isEmpty()) {
                    List<EventFrame> eventFrames = decoded.computeIfAbsent(event.index(), i -> decode(event));
                    for (Subscriber subscriber : audience) {
                        eventFrames.forEach(subscriber::offer);
                    }
                }
                position = event.index();
            }
        }
    }

    private List<EventFrame> decode(StoredEvent event) {
        try {
            return frames.of(event);
        } catch (RuntimeException e) {
            log.warn("Event {} ({}) cannot be read for the event stream; it is left out: {}", event.index(), event.payloadType(),
                    e.toString());
            return List.of();
        }
    }

    /**
     * Missing indexes from {@code from} up to {@code upTo} (the highest index visible when they were
     * seen missing). Settled once every transaction that could hold one of them has ended.
     */
    private final class Hole {
        final long from;
        final long upTo;
        final Instant seen;
        Set<String> watched;
        boolean warned;

        Hole(long from, long upTo, Instant seen) {
            this.from = from;
            this.upTo = upTo;
            this.seen = seen;
        }

        boolean settled(Instant now) {
            if (Duration.between(seen, now).compareTo(GAP_LIMIT) >= 0) {
                if (!warned) {
                    log.warn("Global indexes {}..{} stayed missing for {} while transactions were still open;"
                            + " passing them (a late event there reaches resumed streams only)", from, upTo, GAP_LIMIT);
                    warned = true;
                }
                return true;
            }
            if (Duration.between(seen, now).compareTo(GAP_GRACE) < 0) {
                return false;
            }
            Set<String> running = store.runningTransactions();
            if (watched == null) {
                watched = running;
            } else {
                watched.retainAll(running);
            }
            return watched.isEmpty();
        }
    }

    @Override
    public void start() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            // the service starts all the same: the scheduled polls below carry on from wherever this got to
            log.warn("Catching up with the event store at start-up failed; the event streams carry on from global index {}: {}",
                    currentPosition(), e.toString());
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("event-stream-tail-"));
        scheduler.scheduleWithFixedDelay(this::pollSafely, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::heartbeat, HEARTBEAT_INTERVAL.toMillis(), HEARTBEAT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
        log.info("Event streams follow the event store from global index {}", currentPosition());
    }

    /** Catches up with the head before the web server opens, settling holes that may still be in flight. */
    private void catchUp() {
        long head = store.head();
        synchronized (this) {
            position = Math.max(0, head - STARTUP_WINDOW);
        }
        Instant deadline = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(deadline) && (currentPosition() < head || hole != null)) {
            poll();
            if (currentPosition() < head || hole != null) {
                sleep(HOLE_RECHECK.toMillis());
            }
        }
    }

    /** Events were committed: read them now (on the tailer's thread). */
    public void wake() {
        ScheduledExecutorService tail = scheduler;
        if (running && tail != null) {
            try {
                tail.execute(this::pollSafely);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // shutting down
            }
        }
    }

    private void pollSafely() {
        try {
            poll();
            if (hole != null && running && !recheckScheduled) {
                recheckScheduled = true;
                scheduler.schedule(() -> {
                    recheckScheduled = false;
                    pollSafely();
                }, HOLE_RECHECK.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            log.warn("Reading the event store for the event streams failed; trying again: {}", e.toString());
        }
    }

    void heartbeat() {
        // a comment line now and then keeps proxies from closing a quiet stream and finds closed clients
        subscribers.values().forEach(ofProject -> ofProject.forEach(Subscriber::heartbeat));
    }

    /** Ends the open streams first, so that the graceful shutdown of the web server need not wait for them. */
    @EventListener(ContextClosedEvent.class)
    public void closeStreams() {
        subscribers.values().forEach(ofProject -> List.copyOf(ofProject).forEach(Subscriber::close));
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        closeStreams();
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts (so no stream opens before the tailer knows its position). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
