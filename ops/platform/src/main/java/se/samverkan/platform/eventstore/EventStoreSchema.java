package se.samverkan.platform.eventstore;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * The one definition of the event-store tables, shared by the command service (which appends) and
 * the query service (which reads). The tables are created by the Flyway migrations under
 * {@code db/eventstore} in the public schema, tracked in their own history table so that either
 * service can run them. Each service's connections search its own schema first, then this one.
 */
public final class EventStoreSchema {

    public static final String EVENT_TABLE = "domain_event_entry";
    public static final String SNAPSHOT_TABLE = "snapshot_event_entry";
    public static final String HISTORY_TABLE = "flyway_eventstore_history";
    /** The event store lives in the public schema; each service keeps its own tables in a schema of its own. */
    public static final String SCHEMA = "public";

    private EventStoreSchema() {
    }

    public static EventSchema axonSchema() {
        return EventSchema.builder()
                .eventTable(EVENT_TABLE)
                .snapshotTable(SNAPSHOT_TABLE)
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /** The search_path of a service whose own tables live in {@code serviceSchema}. */
    public static String searchPathFor(String serviceSchema) {
        return "SET search_path TO " + serviceSchema + ", " + SCHEMA;
    }

    /** Creates or upgrades the event-store tables; safe to call from several processes at once. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/eventstore")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
