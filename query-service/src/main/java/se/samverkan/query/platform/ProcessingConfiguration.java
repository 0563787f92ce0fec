package se.samverkan.query.platform;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Set;

/**
 * Every read model's processing group runs in one pooled streaming processor, {@link #READ_MODELS}, with its
 * token in PostgreSQL; several query-service instances split the segments. One processor reads and deserializes
 * each stored event once, and handles it for every read model in one transaction with one token update (eight
 * processors did all of that eight times, for each batch). Each processing group keeps its own dead-letter queue
 * (table dead_letter_entry, Axon builds one dead-lettering invoker per group): an event a projection fails on is
 * parked for that group only, the other read models handle it, and later events of the same aggregate wait behind
 * it in that group, so a read model never applies them out of order; an event that cannot even be deserialized is
 * parked alone ({@link UnreadableEvents}). The webhook outbox keeps a processor of its own (side effects).
 * How the instances share segments (each processor claims at most its fair share, {@link SegmentBalancer} being its
 * max-segment provider), and how fast they take over a dead one's: {@link ScaleOutSettings}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class ProcessingConfiguration {

    /**
     * Groups with side effects (the webhook outbox). An event they fail on must not be set aside (it would be a
     * notification lost), so they get no dead-letter queue and their processor stops and retries it instead; and they
     * get a processor of their own, named after the group, so that neither a read model's failure nor a rebuild of the
     * read models holds them back or replays them.
     */
    public static final Set<String> WITHOUT_DEAD_LETTERS = Set.of("webhook-outbox");

    /** The processor that runs every processing group but those {@link #WITHOUT_DEAD_LETTERS}. */
    public static final String READ_MODELS = "read-models";

    /**
     * One worker per segment: while one segment's batch waits for PostgreSQL (its writes, the commit's flush), another's
     * handlers run. With 2 segments a rebuild kept about half of the 2 cores busy (103 k events in 8.1 s), with 4 nearly
     * all (6.3 s); live, the statements per command stayed the same. It is also how many query instances can share the
     * work.
     */
    static final int SEGMENTS_PER_PROCESSOR = 4;

    /**
     * Events handled in one transaction at most. Live, batches are as small as what arrived; in a replay large ones
     * spread the token update, the commit and the projections' batched writes ({@link ProjectionWrites}) over many
     * events. A failing event costs its batch one retry ({@link SavepointPerEventHandler}). Axon's work package
     * queues at most 1024 events per segment, so more would not help.
     */
    public static final int BATCH_SIZE = 1000;

    @Bean
    public QueryInstance queryInstance() {
        return QueryInstance.thisProcess();
    }

    /**
     * Axon Boot's JDBC token store, with its claim timeout set here rather than left implicit: it is how long a
     * killed instance's segments wait before another instance may claim them.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                                 QueryInstance instance, ScaleOutSettings settings) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .claimTimeout(settings.claimTimeout())
                .nodeId(instance.id())
                .build();
    }

    static DeadLetterSchema snakeCaseDeadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** Axon Boot's JDBC auto-configuration uses this too, so every dead-letter table speaks the same columns. */
    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return snakeCaseDeadLetterSchema();
    }

    @Bean
    public ConfigurerModule pooledProcessorsWithDeadLetters(ConnectionProvider connectionProvider,
                                                            TransactionManager transactionManager,
                                                            Serializer serializer,
                                                            DeadLetterSchema schema,
                                                            ScaleOutSettings settings,
                                                            SegmentBalancer balancer,
                                                            ListableBeanFactory beans) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                rememberDeadLetteredSequences(configurer.eventProcessing(), beans);
                configurer.eventProcessing()
                        .assignProcessingGroup(group -> WITHOUT_DEAD_LETTERS.contains(group) ? group : READ_MODELS)
                        .usingPooledStreamingEventProcessors((config, builder) -> builder
                                .initialSegmentCount(SEGMENTS_PER_PROCESSOR)
                                .tokenClaimInterval(settings.tokenClaimInterval().toMillis())
                                .claimExtensionThreshold(settings.claimExtension().toMillis())
                                .maxSegmentProvider(balancer)
                                .batchSize(BATCH_SIZE))
                        .registerDefaultSequencingPolicy(config -> UnreadableEvents.aloneWhenUnreadable(
                                SequentialPerAggregatePolicy.instance()))
                        .registerDeadLetterQueueProvider(processingGroup -> WITHOUT_DEAD_LETTERS.contains(processingGroup) ? null
                                : config -> JdbcSequencedDeadLetterQueue.builder()
                                        .processingGroup(processingGroup)
                                        .connectionProvider(connectionProvider)
                                        .transactionManager(transactionManager)
                                        .schema(schema)
                                        .genericSerializer(serializer)
                                        .eventSerializer(config.eventSerializer())
                                        .build());
            }

            /**
             * Without it the dead-letter queue is asked (a {@code SELECT COUNT(*)} on dead_letter_entry) for every
             * event whether the event's sequence already has a dead letter; the cache knows which sequences may
             * have one (none, while the queue is empty), so the queue is asked only for those.
             */
            private void rememberDeadLetteredSequences(EventProcessingConfigurer processing, ListableBeanFactory beans) {
                for (String bean : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
                    ProcessingGroup group = beans.findAnnotationOnBean(bean, ProcessingGroup.class);
                    if (group != null && !WITHOUT_DEAD_LETTERS.contains(group.value())) {
                        processing.registerDeadLetteringEventHandlerInvokerConfiguration(group.value(),
                                // allowReset: a rebuild's resetTokens() also clears the group's dead letters
                                (config, builder) -> builder.enableSequenceIdentifierCache().allowReset(true));
                    }
                }
            }

            /**
             * After Axon Boot's own dead-letter module, which would otherwise replace this provider with one that
             * gives a queue only to processors named in properties (and lets every other failing event be skipped).
             */
            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
