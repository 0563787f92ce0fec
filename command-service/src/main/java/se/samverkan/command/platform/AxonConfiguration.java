package se.samverkan.command.platform;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.command.platform.metrics.AppendedEventMetrics;
import se.samverkan.command.platform.metrics.CommandMetrics;
import se.samverkan.platform.eventstore.EventJson;
import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.EventStoreSchema;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC event store with the shared table mapping, Jackson
 * (never XStream) for events, messages and tokens, the hash chain around the store, and the audit
 * metadata on every event. The command service's own event handlers keep its lookup tables; they are
 * subscribing and propagate errors, so they run in the command's transaction and can veto it.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    /**
     * Long-lived aggregates load from a snapshot plus the events after it: a snapshot is taken (on a
     * separate thread, see Axon's SpringAggregateSnapshotter) once loading needed more than this many events.
     */
    static final int SNAPSHOT_AFTER_EVENTS = 100;

    @Bean
    public SnapshotTriggerDefinition longHistorySnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_AFTER_EVENTS);
    }

    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 JdbcTemplate jdbcTemplate,
                                                 MeterRegistry meterRegistry) {
        EventStorageEngine jdbcEngine = JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(EventJson.snapshotSerializer())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .appendEvents(new PositionReturningAppend())
                .build();
        return new HashChainingEventStorageEngine(jdbcEngine, eventSerializer, jdbcTemplate,
                new AppendedEventMetrics(meterRegistry));
    }

    /**
     * Who caused an event and from where: the command's userId, role, clientIp (and the request fingerprint of an
     * idempotent create) are copied onto every event it applies, as CommandDispatcher put them on the command.
     */
    @Bean
    public CorrelationDataProvider auditCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(AuditMetadata.USER_ID, AuditMetadata.ROLE, AuditMetadata.CLIENT_IP,
                AuditMetadata.REQUEST_FINGERPRINT);
    }

    /**
     * Axon's message origin under the audit names: causationId is the id of the command that caused the event, and
     * correlationId the request's (the command's correlationId, or the command's own id when it came without one).
     */
    @Bean
    public CorrelationDataProvider auditOriginProvider() {
        return new MessageOriginProvider(AuditMetadata.CAUSATION_ID, AuditMetadata.CORRELATION_ID);
    }

    /** Axon's auto-configuration registers handler interceptor beans on the command bus. */
    @Bean
    public CommandMetrics commandMetrics(MeterRegistry meterRegistry) {
        return new CommandMetrics(meterRegistry);
    }

    @Bean
    public AppliedVersionInterceptor appliedVersionInterceptor() {
        return new AppliedVersionInterceptor();
    }

    @Bean
    public ConfigurerModule lookupsRunInTheCommandTransaction() {
        return configurer -> configurer.eventProcessing()
                .usingSubscribingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
