package se.samverkan.query.platform.eventstore;

import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.HashChain;

import java.time.Instant;

/** One row of the event store exactly as stored, with the project it belongs to (if any). */
public record StoredEvent(long index, String eventIdentifier, String aggregateId, long sequenceNumber, String aggregateType,
                          String timestamp, String payloadType, String payloadRevision, byte[] payload, byte[] metaData,
                          String projectId) {

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
}
