package se.samverkan.query.notification.stream;

import org.slf4j.Logger;
import se.samverkan.query.notification.EventFrame;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open stream of one project. The tailer only puts frames into this subscriber's queue; a sender
 * thread writes them out, so a slow client never holds the tailer or the other clients up. The first
 * thing it sends after the opening comment is the catch-up from the database (events after the
 * client's Last-Event-ID up to where the tailer stood when it subscribed), then the queued live
 * frames, which all lie after that point: no gap and no duplicate.
 */
final class Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    /** A client this far behind is dropped; its EventSource reconnects and catches up from the database. */
    static final int MAX_QUEUED = 10_000;
    static final long RECONNECT_MILLIS = 3_000;
    private static final int CATCH_UP_BATCH = 500;
    private static final MediaType UTF8_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
    private static final EventFrame HEARTBEAT = new EventFrame(-1, null, null);

    /** Reads the frames of the project's next events in (after, upTo], at most {@code limit} events. */
    interface History {
        List<EventFrame> read(String projectId, long after, long upTo, int limit);
    }

    private final String projectId;
    private final SseEmitter emitter;
    private final Executor sender;
    private final History history;
    private final Runnable onClose;
    private final Queue<EventFrame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set once by the tailer when it registers this subscriber; live frames come after it. */
    private volatile long liveFrom = -1;
    /** The client's Last-Event-ID, or -1 to start live. */
    private final long resumeAfter;
    // touched by the draining thread only (one at a time)
    private boolean opened;

    Subscriber(String projectId, long resumeAfter, SseEmitter emitter, Executor sender, History history, Runnable onClose) {
        this.projectId = projectId;
        this.resumeAfter = resumeAfter;
        this.emitter = emitter;
        this.sender = sender;
        this.history = history;
        this.onClose = onClose;
    }

    String projectId() {
        return projectId;
    }

    /** Called by the tailer, under its lock, with the index of the last event it has handed out. */
    void registeredAt(long position) {
        this.liveFrom = position;
        schedule();
    }

    void offer(EventFrame frame) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            log.warn("An event stream of project {} fell {} events behind; closing it so that it resumes from the database",
                    projectId, MAX_QUEUED);
            close();
            return;
        }
        queue.add(frame);
        schedule();
    }

    void heartbeat() {
        offer(HEARTBEAT);
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
            try {
                emitter.complete();
            } catch (RuntimeException ignored) {
                // the connection is gone already
            }
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    private void schedule() {
        if (liveFrom >= 0 && !closed.get() && draining.compareAndSet(false, true)) {
            try {
                sender.execute(this::drain);
            } catch (RuntimeException e) {
                draining.set(false);
                close();
            }
        }
    }

    private void drain() {
        try {
            if (!opened) {
                open();
                opened = true;
            }
            EventFrame frame;
            while (!closed.get() && (frame = queue.poll()) != null) {
                queued.decrementAndGet();
                if (frame == HEARTBEAT) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                } else {
                    send(frame);
                }
            }
        } catch (Exception e) {
            // the client went away (or the catch-up read failed): it reconnects with its Last-Event-ID
            log.debug("Event stream of project {} closed: {}", projectId, e.toString());
            close();
        } finally {
            draining.set(false);
        }
        if (!queue.isEmpty()) {
            schedule();
        }
    }

    private void open() throws Exception {
        emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("events of project " + projectId));
        if (resumeAfter >= 0) {
            long after = resumeAfter;
            List<EventFrame> batch;
            do {
                batch = history.read(projectId, after, liveFrom, CATCH_UP_BATCH);
                for (EventFrame frame : batch) {
                    send(frame);
                    after = frame.index();
                }
            } while (!batch.isEmpty() && !closed.get());
        }
    }

    private void send(EventFrame frame) throws Exception {
        // live frames all lie after liveFrom; this only matters when the client has seen more than that
        // (it resumed here after another instance that was further ahead)
        if (frame.index() > resumeAfter) {
            emitter.send(SseEmitter.event().id(Long.toString(frame.index())).name(frame.name()).data(frame.data(), UTF8_TEXT));
        }
    }
}
