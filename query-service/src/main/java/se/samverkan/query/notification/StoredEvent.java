package se.samverkan.query.notification;

/** One row of the event store as read for the live stream, with the project it belongs to (if any). */
record StoredEvent(long index, String eventIdentifier, String aggregateId, long sequenceNumber, String aggregateType,
                   String timestamp, String payloadType, String payloadRevision, byte[] payload, byte[] metaData,
                   String projectId) {
}
