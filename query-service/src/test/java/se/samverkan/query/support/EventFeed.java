package se.samverkan.query.support;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands events to projections as their tracking processor would: each as a tracked domain event message with the
 * next global index, the aggregate's next sequence number, a time stamp and audit metadata, through Axon's own
 * annotated-handler adapter (so every parameter the handlers take is resolved as in the service).
 */
public final class EventFeed {

    /** Global indexes stay unique in the JVM, so feeds sharing a database never reuse one. */
    private static final AtomicLong GLOBAL_INDEX = new AtomicLong();
    public static final String USER_ID = "projection-test";

    private final List<AnnotationEventHandlerAdapter> projections;
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = Instant.parse("2024-05-02T08:00:00Z");

    private EventFeed(List<AnnotationEventHandlerAdapter> projections) {
        this.projections = projections;
    }

    public static EventFeed into(Object... projections) {
        return new EventFeed(java.util.Arrays.stream(projections).map(AnnotationEventHandlerAdapter::new).toList());
    }

    /** Stores the event as of {@code at} (later events default to a minute after it). */
    public EventFeed at(Instant at) {
        clock = at;
        return this;
    }

    /** Delivers the event of the aggregate; returns the message, whose global index is its tracking token's position. */
    public TrackedEventMessage<?> publish(String aggregateId, Object event) {
        long sequence = sequences.merge(aggregateId, 0L, (last, ignored) -> last + 1);
        TrackedEventMessage<?> message = new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(GLOBAL_INDEX.incrementAndGet()),
                new GenericDomainEventMessage<>(event.getClass().getSimpleName(), aggregateId, sequence, event,
                        Map.of("userId", USER_ID), UUID.randomUUID().toString(), clock));
        clock = clock.plus(Duration.ofMinutes(1));
        deliver(message);
        return message;
    }

    /** Delivers a message again, as a processor does after a crash between handling and storing its token. */
    public void deliver(TrackedEventMessage<?> message) {
        for (AnnotationEventHandlerAdapter projection : projections) {
            if (projection.canHandle(message)) {
                try {
                    projection.handle(message);
                } catch (Exception e) {
                    throw new AssertionError(projection.getTargetType().getSimpleName() + " failed on "
                            + message.getPayloadType().getSimpleName(), e);
                }
            }
        }
    }

    /** The global index of a delivered message. */
    public static long indexOf(TrackedEventMessage<?> message) {
        return message.trackingToken().position().orElseThrow();
    }
}
