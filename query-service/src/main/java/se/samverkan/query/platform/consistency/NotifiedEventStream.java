package se.samverkan.query.platform.consistency;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import se.samverkan.query.platform.UnreadableEvents;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A stream of stored events for one event processor that reads the storage engine only when woken (events were
 * committed) or when its last read is older than the fallback poll. One processor thread reads it at a time;
 * {@link #wake()} comes from the listening thread.
 *
 * <p>After a full batch (a replay, or a processor catching up) the next batch is read ahead on another thread, and
 * its events are deserialized there: a pooled processor's coordinator is one thread that reads the stream and asks
 * the sequencing policy of every event ({@link UnreadableEvents} deserializes it), and in a rebuild that thread was
 * the bottleneck, with the workers waiting for it. Live, reads are smaller than a batch and nothing is read ahead.
 */
final class NotifiedEventStream implements TrackingEventStream {

    private final EventStorageEngine storage;
    private final int batchSize;
    private final long fallbackNanos;
    private final Consumer<NotifiedEventStream> onClose;
    private final Executor readAhead;
    private final Deque<TrackedEventMessage<?>> buffer = new ArrayDeque<>();
    /** The batch after a full one, being read on the read-ahead executor; null when none is. */
    private CompletableFuture<Batch> next;
    private final Object signal = new Object();
    private TrackingToken lastToken;
    private long lastReadNanos;
    private volatile boolean woken = true;
    private volatile Runnable onAvailable;

    /** Events read in one go, and the token after the last of them (the one before when there are none). */
    private record Batch(List<TrackedEventMessage<?>> events, TrackingToken lastToken) {
    }

    NotifiedEventStream(EventStorageEngine storage, TrackingToken from, int batchSize, Duration fallbackPoll,
                        Executor readAhead, Consumer<NotifiedEventStream> onClose) {
        this.storage = storage;
        this.readAhead = readAhead;
        this.lastToken = from;
        this.batchSize = batchSize;
        this.fallbackNanos = fallbackPoll.toNanos();
        this.onClose = onClose;
    }

    /** Events were stored: the next look reads the store, and a processor waiting for events looks now. */
    void wake() {
        woken = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        Runnable callback = onAvailable;
        if (callback != null) {
            callback.run();
        }
    }

    /** Still not read since the last wake-up: the processor may have missed it. */
    void wakeAgainIfUnread() {
        Runnable callback = onAvailable;
        if (woken && callback != null) {
            callback.run();
        }
    }

    @Override
    public boolean hasNextAvailable() {
        if (buffer.isEmpty()) {
            if (next != null) {
                take(readAhead());
            } else if (woken || System.nanoTime() - lastReadNanos >= fallbackNanos) {
                woken = false; // before reading: a wake-up during the read makes the next look read again
                lastReadNanos = System.nanoTime();
                take(read(lastToken));
            }
        }
        return !buffer.isEmpty();
    }

    private Batch read(TrackingToken from) {
        List<TrackedEventMessage<?>> events;
        try (Stream<? extends TrackedEventMessage<?>> stored = storage.readEvents(from, false)) {
            events = new ArrayList<>(stored.limit(batchSize).toList());
        }
        return new Batch(events, events.isEmpty() ? from : events.get(events.size() - 1).trackingToken());
    }

    private void take(Batch batch) {
        buffer.addAll(batch.events());
        lastToken = batch.lastToken();
        if (batch.events().size() >= batchSize) {
            // a full batch: there may be more, read on without waiting for a wake-up
            TrackingToken from = lastToken;
            next = CompletableFuture.supplyAsync(() -> deserialized(read(from)), readAhead);
        }
    }

    /** The batch read ahead, once it is there (the processor would otherwise wait for the same read itself). */
    private Batch readAhead() {
        CompletableFuture<Batch> reading = next;
        next = null;
        try {
            return reading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Deserializes the events' payload and metadata (messages keep the result); unreadable ones are left as they are. */
    private static Batch deserialized(Batch batch) {
        for (TrackedEventMessage<?> event : batch.events()) {
            try {
                UnreadableEvents.readable(event);
            } catch (RuntimeException e) {
                // the processor meets it again when it handles the event, and deals with it there
            }
        }
        return batch;
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!hasNextAvailable()) {
            long left = Math.min(deadline - System.nanoTime(), fallbackNanos - (System.nanoTime() - lastReadNanos));
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
            synchronized (signal) {
                if (!woken && left > 0) {
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                }
            }
        }
        return true;
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
            // blocks until there is one, as the contract asks
        }
        return buffer.poll();
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        return hasNextAvailable() ? Optional.of(buffer.peek()) : Optional.empty();
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
        this.onAvailable = callback;
        return true;
    }

    @Override
    public void close() {
        onAvailable = null;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        onClose.accept(this);
    }
}
