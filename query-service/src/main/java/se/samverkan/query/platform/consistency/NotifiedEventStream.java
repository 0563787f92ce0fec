package se.samverkan.query.platform.consistency;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A stream of stored events for one event processor that reads the storage engine only when woken (events were
 * committed) or when its last read is older than the fallback poll. One processor thread reads it at a time;
 * {@link #wake()} comes from the listening thread.
 */
final class NotifiedEventStream implements TrackingEventStream {

    private final EventStorageEngine storage;
    private final int batchSize;
    private final long fallbackNanos;
    private final Consumer<NotifiedEventStream> onClose;
    private final Deque<TrackedEventMessage<?>> buffer = new ArrayDeque<>();
    private final Object signal = new Object();
    private TrackingToken lastToken;
    private long lastReadNanos;
    private volatile boolean woken = true;
    private volatile Runnable onAvailable;

    NotifiedEventStream(EventStorageEngine storage, TrackingToken from, int batchSize, Duration fallbackPoll,
                        Consumer<NotifiedEventStream> onClose) {
        this.storage = storage;
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
        if (buffer.isEmpty() && (woken || System.nanoTime() - lastReadNanos >= fallbackNanos)) {
            read();
        }
        return !buffer.isEmpty();
    }

    private void read() {
        woken = false; // before reading: a wake-up during the read makes the next look read again
        lastReadNanos = System.nanoTime();
        int before = buffer.size();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(lastToken, false)) {
            events.limit(batchSize).forEach(event -> {
                buffer.add(event);
                lastToken = event.trackingToken();
            });
        }
        if (buffer.size() - before >= batchSize) {
            woken = true; // a full batch: there may be more, read on without waiting for a wake-up
        }
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
        onClose.accept(this);
    }
}
