package se.samverkan.query.platform;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.serialization.SerializationException;

/**
 * Stored events whose payload or metadata cannot be deserialized (bytes that are not JSON, invalid UTF-8,
 * JSON of the wrong shape): no retry can ever fold them in. Such an event is its own sequence, so a
 * projection's dead-letter queue parks it alone and the later events of its aggregate carry on; an event
 * that is readable but that a projection fails on still parks its aggregate's later events behind it.
 */
public final class UnreadableEvents {

    private UnreadableEvents() {
    }

    /** Whether the failure (or one of its causes) is that a stored payload or metadata cannot be deserialized. */
    public static boolean isUnreadable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the event's payload and metadata can be deserialized (the results are kept by the message). */
    public static boolean readable(EventMessage<?> event) {
        try {
            event.getPayload();
            event.getMetaData();
            return true;
        } catch (RuntimeException e) {
            if (isUnreadable(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The given policy for readable events; an unreadable one is a sequence of its own. */
    public static SequencingPolicy<EventMessage<?>> aloneWhenUnreadable(SequencingPolicy<? super EventMessage<?>> readable) {
        return event -> readable(event) ? readable.getSequenceIdentifierFor(event) : "unreadable:" + event.getIdentifier();
    }
}
