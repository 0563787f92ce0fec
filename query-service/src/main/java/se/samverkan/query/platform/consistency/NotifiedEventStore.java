package se.samverkan.query.platform.consistency;

import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * woken once more {@link #REPEAT_WAKE_UP} later.
 */
public class NotifiedEventStore extends EmbeddedEventStore {

    static final Duration REPEAT_WAKE_UP = Duration.ofMillis(50);

    private final Set<NotifiedEventStream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService repeater = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-stream-wake-up");
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
        repeater.schedule(() -> open.forEach(NotifiedEventStream::wakeAgainIfUnread), REPEAT_WAKE_UP.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void shutDown() {
        repeater.shutdownNow();
        super.shutDown();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        NotifiedEventStream stream = new NotifiedEventStream(storageEngine(), trackingToken, batchSize, fallbackPoll, open::remove);
        open.add(stream);
        return stream;
    }
}
