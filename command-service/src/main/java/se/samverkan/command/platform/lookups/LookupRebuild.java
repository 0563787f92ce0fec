package se.samverkan.command.platform.lookups;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import se.samverkan.platform.eventstore.EventStoreSchema;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rebuilds the command service's lookup tables from the event store. A lookup is the processing group of subscribing
 * handlers that keep tables in each command's transaction (command/*&#47;*Lookup); it takes part here by having a
 * {@link ResetHandler} that empties its tables ({@link #empty}). A rebuild is Axon's reset followed by a replay:
 * the group's reset handlers, then every stored event in global order through the group's own handlers, read in
 * batches with progress in the log, all in one transaction so that commands see the old table or the new one,
 * never half of it. Its end is recorded in lookup_position.
 *
 * <p>At start-up, before the web server takes requests, every lookup without a recorded position is rebuilt: one
 * added later (its table starts empty while the store already holds its events) or one whose row was removed to ask
 * for it. A recorded lookup has been kept in every command's transaction since, so it does not lag the store; its
 * position is not advanced per command, as one row written by every command would serialize them all.
 */
@Component
public class LookupRebuild implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LookupRebuild.class);
    static final int BATCH_SIZE = 1_000;
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final TransactionManager transactions;
    private final TransactionTemplate eachEvent;
    private final JdbcTemplate jdbc;
    private final ListableBeanFactory beans;
    private volatile boolean running;

    public LookupRebuild(EventProcessingConfiguration processing, EventStorageEngine storage, TransactionManager transactions,
                         PlatformTransactionManager platformTransactions, JdbcTemplate jdbc, ListableBeanFactory beans) {
        this.processing = processing;
        this.storage = storage;
        this.transactions = transactions;
        this.eachEvent = new TransactionTemplate(platformTransactions);
        this.eachEvent.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED); // a savepoint per event
        this.jdbc = jdbc;
        this.beans = beans;
    }

    /** What one rebuild did. */
    public record Rebuilt(String lookup, long events, long appliedIndex, long skipped, long millis) {
    }

    /** The processing groups that can be rebuilt: those with a {@link ResetHandler}, by name. */
    public Set<String> lookups() {
        Set<String> lookups = new TreeSet<>();
        for (String bean : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            Class<?> type = beans.getType(bean);
            ProcessingGroup group = beans.findAnnotationOnBean(bean, ProcessingGroup.class);
            if (type != null && group != null && !MethodIntrospector.selectMethods(ClassUtils.getUserClass(type),
                    (MethodIntrospector.MetadataLookup<Boolean>) method ->
                            AnnotatedElementUtils.hasAnnotation(method, ResetHandler.class) ? Boolean.TRUE : null).isEmpty()) {
                lookups.add(group.value());
            }
        }
        return lookups;
    }

    /** Rebuilds the lookups that were never built from this store; answers what it did. */
    public List<Rebuilt> rebuildUnbuilt() {
        Set<String> recorded = Set.copyOf(jdbc.queryForList("SELECT processing_group FROM lookup_position", String.class));
        long head = storeHead();
        return lookups().stream().filter(lookup -> !recorded.contains(lookup)).map(lookup -> {
            log.info("Lookup {} has no recorded position while the event store is at {}: rebuilding it", lookup, head);
            return rebuild(lookup);
        }).toList();
    }

    /** Rebuilds every lookup, one transaction each. */
    public List<Rebuilt> rebuildAll() {
        return lookups().stream().map(this::rebuild).toList();
    }

    /** Empties the lookup (its reset handlers) and replays every stored event through its handlers, in one transaction. */
    public Rebuilt rebuild(String lookup) {
        EventHandlerInvoker handlers = processing.eventProcessorByProcessingGroup(lookup, AbstractEventProcessor.class)
                .map(AbstractEventProcessor::eventHandlerInvoker)
                .orElseThrow(() -> new IllegalArgumentException("no lookup '" + lookup + "'"));
        long started = System.nanoTime();
        long[] applied = {0, 0, 0}; // events replayed, last global index, events skipped
        transactions.executeInTransaction(() -> {
            handlers.performReset();
            long head = storeHead();
            long lastProgress = System.nanoTime();
            TrackingToken token = null;
            List<? extends TrackedEventMessage<?>> batch;
            do {
                try (var events = storage.readEvents(token, false)) {
                    batch = events.limit(BATCH_SIZE).toList();
                }
                for (TrackedEventMessage<?> event : batch) {
                    // A stored event is a fact: one the lookup cannot read or refuses (rows written by hand, a type
                    // retired since) is skipped with a warning, in a savepoint of its own, so it never stops the
                    // rebuild, nor the start-up that runs it.
                    try {
                        eachEvent.executeWithoutResult(status -> {
                            if (handlers.canHandle(event, Segment.ROOT_SEGMENT)) {
                                DefaultUnitOfWork.startAndGet(event).execute(() -> {
                                    try {
                                        handlers.handle(event, Segment.ROOT_SEGMENT);
                                    } catch (Exception e) {
                                        throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                                    }
                                });
                            }
                        });
                    } catch (RuntimeException e) {
                        applied[2]++;
                        log.warn("Rebuilding lookup {}: skipped event {} at global index {} ({}): {}", lookup,
                                event.getIdentifier(), event.trackingToken().position().orElse(-1L),
                                event.getPayloadType() == null ? "unknown type" : event.getPayloadType().getSimpleName(),
                                e.getMessage());
                    }
                    applied[0]++;
                    token = event.trackingToken();
                    applied[1] = token.position().orElse(applied[1]);
                }
                if (System.nanoTime() - lastProgress >= PROGRESS_EVERY_NANOS) {
                    lastProgress = System.nanoTime();
                    log.info("Rebuilding lookup {}: {} events replayed, at global index {} of {}", lookup, applied[0], applied[1], head);
                }
            } while (batch.size() == BATCH_SIZE);
            jdbc.update("INSERT INTO lookup_position (processing_group, applied_index, rebuilt_at) VALUES (?, ?, now())"
                    + " ON CONFLICT (processing_group) DO UPDATE SET applied_index = excluded.applied_index, rebuilt_at = now()",
                    lookup, applied[1]);
        });
        Rebuilt rebuilt = new Rebuilt(lookup, applied[0], applied[1], applied[2], (System.nanoTime() - started) / 1_000_000);
        log.info("Rebuilt lookup {} from {} events up to global index {} in {} ms ({} skipped)", lookup, rebuilt.events(),
                rebuilt.appliedIndex(), rebuilt.millis(), rebuilt.skipped());
        return rebuilt;
    }

    private long storeHead() {
        Long head = jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM " + EventStoreSchema.EVENT_TABLE, Long.class);
        return head == null ? 0 : head;
    }

    /**
     * For a lookup's {@link ResetHandler}: empties its tables, locking them first (EXCLUSIVE: commands may still read
     * them, but one that writes waits until the rebuild committed), so no command writes a row the replay then writes
     * again or misses one the replay cannot yet see. Only inside the rebuild's transaction.
     */
    public static void empty(JdbcTemplate jdbc, String... tables) {
        String list = String.join(", ", tables);
        jdbc.execute("LOCK TABLE " + list + " IN EXCLUSIVE MODE");
        for (String table : tables) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    /** After Axon has started its processors, before the web server takes requests. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1024;
    }

    @Override
    public void start() {
        rebuildUnbuilt();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
