package se.samverkan.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import se.samverkan.query.platform.eventstore.StoredEvent;
import se.samverkan.query.platform.eventstore.StoredEvents;

import java.io.IOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * What tests read straight from the event store, read as the services read it (StoredEvents, ProjectOfPayload): never
 * by casting payloads to jsonb in SQL, which fails on the first damaged row that another test (StoredBytesIT) may leave
 * in the shared store.
 */
public final class StoreReads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreReads() {
    }

    /** Every event of the project, in global-index order. */
    public static List<StoredEvent> ofProject(JdbcTemplate jdbc, String projectId) {
        StoredEvents store = new StoredEvents(jdbc);
        List<StoredEvent> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<StoredEvent> batch = store.ofProject(projectId, after, Long.MAX_VALUE, 1_000);
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            after = batch.get(batch.size() - 1).index();
        }
    }

    /** The same over a plain connection (of a database the services use as real processes); the connection stays open. */
    public static List<StoredEvent> ofProject(Connection connection, String projectId) {
        return ofProject(new JdbcTemplate(new SingleConnectionDataSource(connection, true)), projectId);
    }

    /** One aggregate's events in sequence order, over a plain connection that stays open. */
    public static List<StoredEvent> ofAggregate(Connection connection, String aggregateId) {
        return new StoredEvents(new JdbcTemplate(new SingleConnectionDataSource(connection, true))).ofAggregate(aggregateId);
    }

    /** A top-level field of the event's JSON payload as text; null when absent, null, or the payload cannot be read. */
    public static String field(StoredEvent event, String name) {
        try {
            JsonNode value = JSON.readTree(event.payload()).get(name);
            return value == null || value.isNull() ? null : value.asText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
