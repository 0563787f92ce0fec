package se.samverkan.command.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.events.report.ReportSubmitted;
import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.EventStoreSchema;
import se.samverkan.platform.eventstore.HashChain;

import java.time.Instant;
import java.util.List;

/** {@link ReportChain} read from the stored events' metadata, plus the receipt of a stored submission. */
@Component
public class StoredReportChain implements ReportChain {

    /** What the client keeps as proof of a submission (see {@link #receipt}). */
    public record SubmissionReceipt(String reportId, long version, Instant submittedAt, String chainHead) {
    }

    private record StoredEvent(String payloadType, String timestamp, byte[] metadata) {
    }

    private static final String NEWEST_METADATA = "SELECT meta_data FROM " + EventStoreSchema.EVENT_TABLE
            + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1";
    private static final String EVENT_AT = "SELECT payload_type, time_stamp, meta_data FROM " + EventStoreSchema.EVENT_TABLE
            + " WHERE aggregate_identifier = ? AND sequence_number = ?";

    private final JdbcTemplate jdbc;

    public StoredReportChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String headOf(String reportId) {
        List<byte[]> newest = jdbc.query(NEWEST_METADATA, (rs, i) -> rs.getBytes(1), reportId);
        String hash = newest.isEmpty() ? null : HashChain.storedHash(newest.get(0), AuditMetadata.HASH);
        if (hash == null) {
            throw new IllegalStateException("report " + reportId + " has no stored event with a hash");
        }
        return hash;
    }

    /**
     * The receipt of the submission that made the report's version {@code version}. Its chainHead is the
     * hash of the ReportSubmitted event itself, whereas that event's own chainHead field is the head
     * before it; the receipt's hash covers the event's payload, so it seals the head the event names too.
     * submittedAt is the stored event's own instant, so that the report as of that instant is the one submitted.
     */
    public SubmissionReceipt receipt(String reportId, long version) {
        StoredEvent event = jdbc.query(EVENT_AT, (rs, i) -> new StoredEvent(rs.getString(1), rs.getString(2), rs.getBytes(3)),
                reportId, version - 1).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("report '" + reportId + "' has no version " + version));
        if (!ReportSubmitted.class.getName().equals(event.payloadType())) {
            throw new IllegalStateException("version " + version + " of report " + reportId + " is a "
                    + event.payloadType() + ", not a submission");
        }
        return new SubmissionReceipt(reportId, version, Instant.parse(event.timestamp()),
                HashChain.storedHash(event.metadata(), AuditMetadata.HASH));
    }
}
