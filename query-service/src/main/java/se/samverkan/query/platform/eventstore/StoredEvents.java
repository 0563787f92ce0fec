package se.samverkan.query.platform.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import se.samverkan.events.project.ProjectCreated;
import se.samverkan.platform.eventstore.EventStoreSchema;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the shared event store (public.domain_event_entry) as stored: in global-index order for the
 * live stream, by aggregate for audits. An event belongs to a project when it is a ProjectEvent of that project
 * ({@link ProjectOfPayload}); marker bytes in SQL only pre-select, Java confirms. No query here interprets
 * payload bytes as JSON in SQL, so whatever a stored payload holds (a \u0000 escape, invalid UTF-8, no JSON at
 * all) cannot make a read fail.
 */
@Repository
public class StoredEvents {

    private static final String TABLE = EventStoreSchema.EVENT_TABLE;
    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type,"
            + " time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final RowMapper<StoredEvent> ROW = (rs, i) -> new StoredEvent(rs.getLong("global_index"),
            rs.getString("event_identifier"), rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
            rs.getString("type"), rs.getString("time_stamp"), rs.getString("payload_type"), rs.getString("payload_revision"),
            rs.getBytes("payload"), rs.getBytes("meta_data"));

    private final JdbcTemplate jdbc;

    public StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A project exists once its ProjectCreated event is stored. */
    public boolean projectExists(String projectId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + TABLE
                + " WHERE aggregate_identifier = ? AND payload_type = ?)", Boolean.class, projectId, ProjectCreated.class.getName()));
    }

    /** Each given aggregate's version: how many events it has (absent: none). One indexed query. */
    public Map<String, Long> versions(Collection<String> aggregateIds) {
        Map<String, Long> versions = new HashMap<>();
        if (aggregateIds.isEmpty()) {
            return versions;
        }
        jdbc.query("SELECT aggregate_identifier, max(sequence_number) + 1 AS version FROM " + TABLE
                        + " WHERE aggregate_identifier = ANY(?) GROUP BY aggregate_identifier",
                (RowCallbackHandler) rs -> versions.put(rs.getString(1), rs.getLong(2)),
                (Object) aggregateIds.toArray(String[]::new));
        return versions;
    }

    /** One aggregate's events in sequence order. */
    public List<StoredEvent> ofAggregate(String aggregateId) {
        return ofAggregate(aggregateId, Integer.MAX_VALUE);
    }

    /** One aggregate's first {@code limit} events in sequence order, in one query. */
    public List<StoredEvent> ofAggregate(String aggregateId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE aggregate_identifier = ? ORDER BY sequence_number"
                + " LIMIT ?", ROW, aggregateId, limit);
    }

    /** The highest global index visible now (0 for an empty store). */
    public long head() {
        Long head = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM " + TABLE, Long.class);
        return head == null ? 0 : head;
    }

    /** Every visible event after {@code position}, in index order; there may be holes (see EventTailer). */
    public List<StoredEvent> after(long position, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE global_index > ? ORDER BY global_index LIMIT ?",
                ROW, position, limit);
    }

    /** The event with this global index, if it is visible. */
    public Optional<StoredEvent> at(long index) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE global_index = ?", ROW, index).stream().findFirst();
    }

    /**
     * The project's events with an index in (after, upTo], in index order, at most {@code limit}; empty only
     * when there are none. SQL pre-selects the payloads holding the project's marker bytes, Java confirms.
     */
    public List<StoredEvent> ofProject(String projectId, long after, long upTo, int limit) {
        byte[] marker = ProjectOfPayload.marker(projectId);
        long from = after;
        while (true) {
            List<StoredEvent> candidates = jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE
                    + " WHERE global_index > ? AND global_index <= ? AND position(? in payload) > 0"
                    + " ORDER BY global_index LIMIT ?", ROW, from, upTo, marker, limit);
            List<StoredEvent> confirmed = candidates.stream().filter(event -> projectId.equals(event.projectId())).toList();
            if (!confirmed.isEmpty() || candidates.size() < limit) {
                return confirmed;
            }
            from = candidates.get(candidates.size() - 1).index(); // a whole batch of look-alikes: read on
        }
    }

    /**
     * The ids of the writing transactions in progress in the whole database cluster right now (the
     * xip list of a fresh snapshot). A transaction that is not in this list any more has ended, and
     * every later statement sees its rows if it committed.
     */
    public Set<String> runningTransactions() {
        return new HashSet<>(jdbc.queryForList("SELECT pg_snapshot_xip(pg_current_snapshot())::text", String.class));
    }
}
