package se.samverkan.query.platform.consistency;

import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The query service's event store: Axon's embedded store for everything but the streams its event processors
 * open. Those read the storage engine when PostgreSQL notifies that events were stored ({@link StoreNotifications})
 * and otherwise only every {@link StoreNotifications#FALLBACK_POLL}. Their streams tell a pooled processor when
 * events are available, so its coordinator waits for that instead of looking every 500 ms, and the embedded store's
 * producer thread (which polls every fetch delay) never runs.
 */
public class NotifiedEventStore extends EmbeddedEventStore {

    private final Set<NotifiedEventStream> open = ConcurrentHashMap.newKeySet();
    private final int batchSize;
    private final Duration fallbackPoll;

    public NotifiedEventStore(Builder builder, StoreNotifications notifications, int batchSize, Duration fallbackPoll) {
        super(builder);
        this.batchSize = batchSize;
        this.fallbackPoll = fallbackPoll;
        notifications.onNotification(StoreNotifications.EVENTS_STORED, () -> open.forEach(NotifiedEventStream::wake));
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        NotifiedEventStream stream = new NotifiedEventStream(storageEngine(), trackingToken, batchSize, fallbackPoll, open::remove);
        open.add(stream);
        return stream;
    }
}
