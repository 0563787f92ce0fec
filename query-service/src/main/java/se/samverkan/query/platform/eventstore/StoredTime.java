package se.samverkan.query.platform.eventstore;

import org.axonframework.eventhandling.EventMessage;

import java.time.Instant;
import java.util.Optional;

/**
 * When an event was stored, read so that a time_stamp which is not a valid instant (a damaged row, a hand-made
 * import) costs the reader only the time, never the read: Axon parses time_stamp lazily, when a message's
 * getTimestamp() is first called, and would otherwise throw there.
 */
public final class StoredTime {

    /**
     * The instant Axon's own reads of the query service give an event whose stored time stamp is no instant (see
     * AxonConfiguration.eventStorageEngine): no event is stored at it, so the readers here take it as unknown.
     */
    public static final Instant UNKNOWN = Instant.EPOCH;

    /** What a reader says of an event whose stored time stamp cannot be read. */
    public static final String UNREADABLE = "its stored time stamp is not a valid instant";

    private StoredTime() {
    }

    /** The instant in a stored time_stamp text; empty when the text is not one. */
    public static Optional<Instant> parse(String storedTimestamp) {
        try {
            return storedTimestamp == null ? Optional.empty() : Optional.of(Instant.parse(storedTimestamp));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The event's instant as Axon reads it from time_stamp; empty when the stored text is not one. */
    public static Optional<Instant> of(EventMessage<?> message) {
        try {
            return Optional.ofNullable(message.getTimestamp()).filter(at -> !at.equals(UNKNOWN));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
