package se.samverkan.query.platform;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samverkan.query.platform.consistency.NotifiedEventStore;
import se.samverkan.query.platform.consistency.StoreNotifications;
import se.samverkan.query.platform.eventstore.StoredTime;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The query service reads the event store with the same table mapping and JSON as the command
 * service writes it; processor tokens live in PostgreSQL (table token_entry) next to the read models.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * The same JDBC engine and table mapping as the command service; here it only reads. A stored time stamp that is no
     * instant is read as {@link StoredTime#UNKNOWN}: Axon itself needs a readable one wherever it handles an event (a
     * dead letter records it, gap cleaning compares it), and would otherwise stop the processor at such an event.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer snapshotSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema) {
        return new JdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                // rows per query when the processors read the store (Axon's default is 100)
                .batchSize(STREAM_BATCH_SIZE)
                .schema(eventSchema)) {
            @Override
            protected Object readTimeStamp(ResultSet resultSet, String columnName) throws SQLException {
                String stored = resultSet.getString(columnName);
                return StoredTime.parse(stored).isPresent() ? stored : StoredTime.UNKNOWN.toString();
            }
        };
    }

    /**
     * Events are appended by the command service, in another process. The processors' streams read the store
     * when PostgreSQL notifies that events were committed, and poll only as a slow fallback (see
     * {@link NotifiedEventStore}); the embedded store's own polling (every fetch delay) is then not used.
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                         StoreNotifications notifications) {
        return new NotifiedEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(FETCH_DELAY_MILLIS), notifications, STREAM_BATCH_SIZE, StoreNotifications.FALLBACK_POLL);
    }

    /** Events read per look; the processors' batches are as large. */
    static final int STREAM_BATCH_SIZE = ProcessingConfiguration.BATCH_SIZE;
    static final long FETCH_DELAY_MILLIS = 100;

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }
}
