package se.samverkan.query.platform.eventstore;

import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.HashChain;

import java.time.Instant;

/**
 * One row of the event store exactly as stored, with the project it belongs to (if any). Not a record: the
 * project is worked out from the payload ({@link ProjectOfPayload}) only when a reader asks, once, so that the
 * readers that never ask (a long audit history) do not pay for it.
 */
public final class StoredEvent {

    private final long index;
    private final String eventIdentifier;
    private final String aggregateId;
    private final long sequenceNumber;
    private final String aggregateType;
    private final String timestamp;
    private final String payloadType;
    private final String payloadRevision;
    private final byte[] payload;
    private final byte[] metaData;
    private volatile ProjectOf projectOf;

    private record ProjectOf(String projectId) {
    }

    public StoredEvent(long index, String eventIdentifier, String aggregateId, long sequenceNumber, String aggregateType,
                       String timestamp, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
        this.index = index;
        this.eventIdentifier = eventIdentifier;
        this.aggregateId = aggregateId;
        this.sequenceNumber = sequenceNumber;
        this.aggregateType = aggregateType;
        this.timestamp = timestamp;
        this.payloadType = payloadType;
        this.payloadRevision = payloadRevision;
        this.payload = payload;
        this.metaData = metaData;
    }

    public long index() {
        return index;
    }

    public String eventIdentifier() {
        return eventIdentifier;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public long sequenceNumber() {
        return sequenceNumber;
    }

    public String aggregateType() {
        return aggregateType;
    }

    public String timestamp() {
        return timestamp;
    }

    public String payloadType() {
        return payloadType;
    }

    public String payloadRevision() {
        return payloadRevision;
    }

    public byte[] payload() {
        return payload;
    }

    public byte[] metaData() {
        return metaData;
    }

    /** The project the event belongs to (see ProjectOfPayload), or null. */
    public String projectId() {
        ProjectOf known = projectOf;
        if (known == null) {
            known = new ProjectOf(ProjectOfPayload.of(payloadType, payload));
            projectOf = known;
        }
        return known.projectId();
    }

    /** The aggregate's version after this event (1 for its first). */
    public long version() {
        return sequenceNumber + 1;
    }

    /** The stored instant; null when the stored time stamp is not a valid instant (see StoredTime). */
    public Instant instant() {
        return StoredTime.parse(timestamp).orElse(null);
    }

    public String storedHash() {
        return HashChain.storedHash(metaData, AuditMetadata.HASH);
    }

    public String storedPreviousHash() {
        return HashChain.storedHash(metaData, AuditMetadata.PREVIOUS_HASH);
    }

    @Override
    public String toString() {
        return "StoredEvent[index=" + index + ", aggregateId=" + aggregateId + ", sequenceNumber=" + sequenceNumber
                + ", payloadType=" + payloadType + "]";
    }
}
