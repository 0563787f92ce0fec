package se.samverkan.query.notification;

import se.samverkan.query.platform.eventstore.StoredEvent;
import se.samverkan.query.platform.eventstore.StoredEvents;
import se.samverkan.query.platform.eventstore.StoredTime;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns a stored event into the stream's frame. The payload goes through the same upcasters and JSON
 * as the projections see it, so a client always gets the current shape of an event.
 */
@Component
public class EventFrames {

    /** The data of each frame. */
    record Envelope(long eventIndex, String type, String aggregateId, long sequenceNumber, Instant at, String userId,
                    JsonNode payload) {
    }

    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final ObjectMapper json = EventJson.newObjectMapper();

    EventFrames(@Qualifier("eventSerializer") Serializer serializer, org.axonframework.config.Configuration axon) {
        this.serializer = serializer;
        this.upcasters = axon.upcasterChain();
    }

    /** Usually one frame; an upcaster may split or drop an event, and then every part keeps the stored index. */
    public List<EventFrame> of(StoredEvent stored) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(stored.aggregateType(), stored.aggregateId(),
                stored.sequenceNumber(), stored.eventIdentifier(), stored.timestamp(), stored.payloadType(),
                stored.payloadRevision(), stored.payload(), stored.metaData());
        Stream<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(
                Stream.of(new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(stored.index()), entry)),
                serializer, upcasters);
        return messages.map(message -> frame(stored, message)).toList();
    }

    private EventFrame frame(StoredEvent stored, TrackedEventMessage<?> message) {
        Object payload = message.getPayload();
        String type;
        JsonNode payloadJson;
        if (payload instanceof UnknownSerializedType unknown) {
            // no class for it in this service (yet): pass the stored JSON on as it is
            type = simpleName(unknown.serializedType().getName());
            payloadJson = readTree(stored.payload());
        } else {
            type = payload.getClass().getSimpleName();
            payloadJson = json.valueToTree(payload);
        }
        Object userId = userIdOf(message);
        long sequenceNumber = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : stored.sequenceNumber();
        // a stored time stamp that is not an instant costs the frame its 'at', not the frame
        Envelope envelope = new Envelope(stored.index(), type, stored.aggregateId(), sequenceNumber,
                StoredTime.of(message).orElse(null),
                userId == null ? null : userId.toString(), payloadJson);
        try {
            return new EventFrame(stored.index(), type, json.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + stored.index() + " as JSON", e);
        }
    }

    /** Metadata that cannot be read costs the frame its user id, not the frame. */
    private static Object userIdOf(TrackedEventMessage<?> message) {
        try {
            return message.getMetaData().get(AuditMetadata.USER_ID);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private JsonNode readTree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
