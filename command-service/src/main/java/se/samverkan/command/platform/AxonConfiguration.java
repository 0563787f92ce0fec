package se.samverkan.command.platform;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.command.platform.metrics.AppendedEventMetrics;
import se.samverkan.command.platform.metrics.CommandMetrics;
import se.samverkan.events.store.EventJson;
import se.samverkan.events.store.EventStoreSchema;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC event store with the shared table mapping, Jackson
 * (never XStream) for events, messages and tokens, the hash chain around the store, and the audit
 * metadata on every event. The command service's own event handlers keep its lookup tables; they are
 * subscribing and propagate errors, so they run in the command's transaction and can veto it.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    @Bean
    @Primary
    public Serializer serializer() {
        return EventJson.axonSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return EventJson.axonSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return EventJson.axonSerializer();
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    @Bean
    public EventSchema eventSchema() {
        return EventStoreSchema.axonSchema();
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

    @Bean
    public CorrelationDataProvider auditCorrelationDataProvider() {
        return new AuditCorrelationDataProvider();
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

    /** Axon registers the command side itself; aggregates publish through the event bus, so register there too. */
    @Bean
    public InitializingBean appliedVersionOnEventBus(EventBus eventBus, AppliedVersionInterceptor interceptor) {
        return () -> eventBus.registerDispatchInterceptor(interceptor);
    }

    @Bean
    public ConfigurerModule lookupsRunInTheCommandTransaction() {
        return configurer -> configurer.eventProcessing()
                .usingSubscribingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
