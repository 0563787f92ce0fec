package se.samverkan.query.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.events.store.AuditMetadata;
import se.samverkan.events.store.HashChain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An aggregate's events exactly as stored: what verification and the archive export are made of. */
@Component
public class StoredEvents {

    public record StoredEvent(long globalIndex, String aggregateId, long sequenceNumber, Instant timestamp,
                              String payloadType, String revision, byte[] payload, byte[] metadata) {

        public long version() {
            return sequenceNumber + 1;
        }

        public String storedHash() {
            return HashChain.storedHash(metadata, AuditMetadata.HASH);
        }

        public String storedPreviousHash() {
            return HashChain.storedHash(metadata, AuditMetadata.PREVIOUS_HASH);
        }

        public Map<String, Object> metadataMap() {
            return HashChain.readMetadata(metadata);
        }
    }

    private final JdbcTemplate jdbc;

    public StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<StoredEvent> of(String aggregateId) {
        return jdbc.query("""
                        SELECT global_index, aggregate_identifier, sequence_number, time_stamp, payload_type,
                               payload_revision, payload, meta_data
                        FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (rs, i) -> new StoredEvent(rs.getLong("global_index"), rs.getString("aggregate_identifier"),
                        rs.getLong("sequence_number"), Instant.parse(rs.getString("time_stamp")),
                        rs.getString("payload_type"), rs.getString("payload_revision"), rs.getBytes("payload"),
                        rs.getBytes("meta_data")),
                aggregateId);
    }
}
