package se.samverkan.command.platform;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.command.platform.metrics.AppendedEventMetrics;
import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.EventStoreSchema;
import se.samverkan.platform.eventstore.HashChain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Stores every aggregate event with its link in the aggregate's hash chain ({@code hash},
 * {@code previousHash} and {@code hashVersion} in its metadata, see {@link HashChain}, version 2: the
 * stored instant is covered, in the very text the JDBC engine writes to time_stamp); everything else is
 * the JDBC engine's. The payload is serialized once: the bytes hashed are the bytes stored.
 *
 * <p>The previous hash comes from {@link ChainHeads}, the heads this process saw committed, or else is read
 * from the store inside the appending transaction. Either way two writers racing on one aggregate cannot
 * both win, since (aggregate, sequence) is unique: the loser's transaction fails and its head is never
 * remembered.
 */
public class HashChainingEventStorageEngine implements EventStorageEngine {

    /**
     * The global index the appending transaction's last insert took (its connection is the transaction's), when
     * the insert did not return it ({@link PositionReturningAppend}).
     */
    private static final String LAST_APPENDED_INDEX = "SELECT currval(pg_get_serial_sequence('"
            + EventStoreSchema.SCHEMA + "." + EventStoreSchema.EVENT_TABLE + "', 'global_index'))";
    private static final String PREVIOUS_METADATA = "SELECT meta_data FROM " + EventStoreSchema.EVENT_TABLE
            + " WHERE aggregate_identifier = ? AND sequence_number = ?";

    private final EventStorageEngine delegate;
    private final Serializer eventSerializer;
    private final JdbcTemplate jdbc;
    private final AppendedEventMetrics metrics;
    private final ChainHeads heads = new ChainHeads(10_000);

    public HashChainingEventStorageEngine(EventStorageEngine delegate, Serializer eventSerializer, JdbcTemplate jdbc,
                                          AppendedEventMetrics metrics) {
        this.delegate = delegate;
        this.eventSerializer = eventSerializer;
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Map<String, ChainHeads.Head> headByAggregate = new HashMap<>();
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
                String aggregateId = domainEvent.getAggregateIdentifier();
                long sequenceNumber = domainEvent.getSequenceNumber();
                ChainHeads.Head before = headByAggregate.get(aggregateId);
                String previous = before != null && before.sequenceNumber() == sequenceNumber - 1 ? before.hash()
                        : heads.hashAt(aggregateId, sequenceNumber - 1).orElseGet(() -> storedHashBefore(aggregateId, sequenceNumber));
                DomainEventMessage<?> versioned = domainEvent.andMetaData(Map.of(AuditMetadata.HASH_VERSION, HashChain.CURRENT_VERSION));
                SerializedObject<byte[]> payload = versioned.serializePayload(eventSerializer, byte[].class);
                String hash = hashOf(versioned, payload, previous);
                headByAggregate.put(aggregateId, new ChainHeads.Head(sequenceNumber, hash));
                chained.add(new SerializedOnce<>(versioned.andMetaData(Map.of(AuditMetadata.PREVIOUS_HASH, previous,
                        AuditMetadata.HASH, hash)), eventSerializer, payload));
            } else {
                chained.add(event);
            }
        }
        delegate.appendEvents(chained);
        if (!chained.isEmpty()) {
            Map<String, Long> lastSequences = new HashMap<>();
            headByAggregate.forEach((aggregateId, head) -> lastSequences.put(aggregateId, head.sequenceNumber()));
            OptionalLong inserted = PositionReturningAppend.takeLastInserted();
            AppliedVersionInterceptor.noteStored(lastSequences, () -> inserted.isPresent() ? inserted.getAsLong()
                    : jdbc.queryForObject(LAST_APPENDED_INDEX, Long.class));
        }
        metrics.appending(chained);
        heads.rememberAfterCommit(headByAggregate);
    }

    private String hashOf(DomainEventMessage<?> event, SerializedObject<byte[]> payload, String previousHash) {
        MetaData auditMetadata = event.getMetaData().withoutKeys(AuditMetadata.CHAIN_KEYS);
        byte[] metadata = eventSerializer.serialize(auditMetadata, byte[].class).getData();
        // the text JdbcEventStorageEngine.writeTimestamp stores in time_stamp
        String storedInstant = DateTimeUtils.formatInstant(event.getTimestamp());
        return HashChain.hash(HashChain.CURRENT_VERSION, previousHash, event.getAggregateIdentifier(), event.getSequenceNumber(),
                payload.getType().getName(), payload.getType().getRevision(), storedInstant, payload.getData(), metadata);
    }

    /**
     * An event whose payload was serialized before it is appended: the JDBC engine asks for its serialized
     * payload again and gets those very bytes, not a second serialization that might differ from the hashed one.
     */
    private static final class SerializedOnce<T> extends GenericDomainEventMessage<T> {
        private final transient Serializer serializer;
        private final transient SerializedObject<byte[]> payload;

        SerializedOnce(DomainEventMessage<T> event, Serializer serializer, SerializedObject<byte[]> payload) {
            super(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(), event, event::getTimestamp);
            this.serializer = serializer;
            this.payload = payload;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> SerializedObject<S> serializePayload(Serializer requested, Class<S> expectedRepresentation) {
            if (requested == serializer && expectedRepresentation == byte[].class) {
                return (SerializedObject<S>) payload;
            }
            return super.serializePayload(requested, expectedRepresentation);
        }
    }

    private String storedHashBefore(String aggregateId, long sequenceNumber) {
        if (sequenceNumber == 0) {
            return HashChain.GENESIS;
        }
        List<byte[]> rows = jdbc.query(PREVIOUS_METADATA, (rs, i) -> rs.getBytes(1), aggregateId, sequenceNumber - 1);
        String hash = rows.isEmpty() ? null : HashChain.storedHash(rows.get(0), AuditMetadata.HASH);
        if (hash == null) {
            throw new IllegalStateException("event " + (sequenceNumber - 1) + " of " + aggregateId + " has no stored hash");
        }
        return hash;
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
