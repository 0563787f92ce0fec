package se.samverkan.query.platform.consistency;

import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The query service's event store: Axon's embedded store for everything but the streams its event processors
 * open. Those read the storage engine when PostgreSQL notifies that events were stored ({@link StoreNotifications})
 * and otherwise only every {@link StoreNotifications#FALLBACK_POLL}. Their streams tell a pooled processor when
 * events are available, so its coordinator waits for that instead of looking every 500 ms, and the embedded store's
 * producer thread (which polls every fetch delay) never runs.
 *
 * <p>A pooled processor's coordinator drops a wake-up that comes while it is running (its next run is skipped, and
 * having just found nothing it then waits its claim interval). So a stream that was woken but has not read since is
 * woken again {@link #REPEAT_WAKE_UPS} later: soon, as such a wake-up is the whole lag of a read-your-writes read,
 * and once more in case the coordinator was busy for longer; each repeat costs nothing when the stream has read.
 */
public class NotifiedEventStore extends EmbeddedEventStore {

    static final List<Duration> REPEAT_WAKE_UPS = List.of(Duration.ofMillis(10), Duration.ofMillis(60));

    private final Set<NotifiedEventStream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService repeater = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-stream-wake-up");
        thread.setDaemon(true);
        return thread;
    });
    /** Reads ahead after full batches ({@link NotifiedEventStream}); a thread per stream that is replaying at most. */
    private final ExecutorService readAhead = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "event-read-ahead");
        thread.setDaemon(true);
        return thread;
    });
    private final int batchSize;
    private final Duration fallbackPoll;

    public NotifiedEventStore(Builder builder, StoreNotifications notifications, int batchSize, Duration fallbackPoll) {
        super(builder);
        this.batchSize = batchSize;
        this.fallbackPoll = fallbackPoll;
        notifications.onNotification(StoreNotifications.EVENTS_STORED, this::wake);
    }

    private void wake() {
        open.forEach(NotifiedEventStream::wake);
        for (Duration delay : REPEAT_WAKE_UPS) {
            repeater.schedule(() -> open.forEach(NotifiedEventStream::wakeAgainIfUnread), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void shutDown() {
        repeater.shutdownNow();
        readAhead.shutdownNow();
        super.shutDown();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        NotifiedEventStream stream = new NotifiedEventStream(storageEngine(), trackingToken, batchSize, fallbackPoll, readAhead,
                open::remove);
        open.add(stream);
        return stream;
    }
}
