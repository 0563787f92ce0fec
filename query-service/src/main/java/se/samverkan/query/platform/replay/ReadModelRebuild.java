package se.samverkan.query.platform.replay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import se.samverkan.platform.eventstore.EventStoreSchema;
import se.samverkan.query.platform.replay.RebuildStatus.State;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds every {@link ReadModel} from the event store (see there for the steps), one rebuild at a
 * time, in the background; {@link #status()} tells how far it is.
 *
 * <p>With several query-service instances, the others must be stopped during a rebuild: a processor
 * can only reset tokens that no other instance has claimed (the rebuild fails, saying so, otherwise).
 */
@Service
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(100);
    /** A processor that reports an error this long (e.g. the database is gone) fails the rebuild. */
    private static final Duration ERROR_LIMIT = Duration.ofSeconds(60);

    /** Thrown by {@link #start()} while a rebuild runs. */
    public static class AlreadyRunning extends RuntimeException {
        AlreadyRunning() {
            super("A rebuild is already running; follow it with GET /api/admin/rebuild.");
        }
    }

    private final EventProcessingConfiguration processing;
    private final ObjectProvider<ReadModel> readModels;
    private final JdbcTemplate jdbc;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Run current;

    public ReadModelRebuild(EventProcessingConfiguration processing, ObjectProvider<ReadModel> readModels,
                            JdbcTemplate jdbc) {
        this.processing = processing;
        this.readModels = readModels;
        this.jdbc = jdbc;
    }

    /** One rebuild: what it rebuilds and how far it is. */
    private static final class Run {
        final Instant startedAt = Instant.now();
        final long head;
        final Map<String, Target> targets = new TreeMap<>();
        final List<String> skipped = new ArrayList<>();
        volatile State state = State.RUNNING;
        volatile Instant finishedAt;
        volatile String error;

        Run(long head) {
            this.head = head;
        }

        /** The end time first: whoever sees the final state also sees when it was reached. */
        void finish(State finalState) {
            finishedAt = Instant.now();
            state = finalState;
        }
    }

    /** A processor being rebuilt, with the read models it fills. */
    private static final class Target {
        final StreamingEventProcessor processor;
        final List<ReadModel> models = new ArrayList<>();
        volatile boolean done;
        Instant erringSince;

        Target(StreamingEventProcessor processor) {
            this.processor = processor;
        }
    }

    /** Starts a rebuild in the background; its status at once (RUNNING). */
    public synchronized RebuildStatus start() {
        if (current != null && current.state == State.RUNNING) {
            throw new AlreadyRunning();
        }
        Run run = new Run(head());
        current = run;
        try {
            plan(run);
        } catch (RuntimeException e) {
            log.error("The rebuild of the read models cannot start", e);
            run.error = e.getMessage();
            run.finish(State.FAILED);
            return status();
        }
        worker.execute(() -> execute(run));
        return status();
    }

    public RebuildStatus status() {
        Run run = current;
        if (run == null) {
            long head = head();
            List<RebuildStatus.Processor> processors = new ArrayList<>();
            new TreeMap<>(processing.eventProcessors()).forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor streaming) {
                    processors.add(RebuildStatus.Processor.of(name, position(streaming), head, false));
                }
            });
            return new RebuildStatus(State.IDLE, null, null, processors, List.of(), null);
        }
        List<RebuildStatus.Processor> processors = run.targets.values().stream()
                .map(t -> RebuildStatus.Processor.of(t.processor.getName(), position(t.processor), run.head, t.done))
                .toList();
        return new RebuildStatus(run.state, run.startedAt, run.finishedAt, processors, List.copyOf(run.skipped), run.error);
    }

    /**
     * Which processors to rebuild: those that run a processing group with a ReadModel (a processor may run several
     * groups; it is reset once, with all of them). Fails before touching anything if one cannot be.
     */
    private void plan(Run run) {
        for (ReadModel model : readModels.orderedStream().toList()) {
            String group = model.processingGroup();
            StreamingEventProcessor processor = processing
                    .eventProcessorByProcessingGroup(group, StreamingEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("The read model " + model.getClass().getSimpleName()
                            + " names the processing group '" + group + "', which has no streaming event processor."));
            if (!processor.supportsReset()) {
                throw new IllegalStateException("The processor '" + processor.getName() + "' does not support a reset.");
            }
            run.targets.computeIfAbsent(processor.getName(), name -> new Target(processor)).models.add(model);
        }
        List<String> rebuilt = List.copyOf(run.targets.keySet());
        processing.eventProcessors().keySet().stream().filter(name -> !rebuilt.contains(name)).sorted().forEach(run.skipped::add);
        if (!run.skipped.isEmpty()) {
            log.warn("Processors without a ReadModel are not rebuilt: {}", run.skipped);
        }
    }

    private void execute(Run run) {
        Collection<Target> targets = run.targets.values();
        try {
            log.info("Rebuilding the read models of {} from the event store (head {})", run.targets.keySet(), run.head);
            targets.forEach(t -> t.processor.shutDown());
            // Axon runs the @ResetHandlers of the processor's groups, clears their dead letters (allowReset) and moves
            // its tokens back, all in one transaction
            targets.forEach(t -> t.processor.resetTokens());
            targets.forEach(t -> t.processor.start());
            while (targets.stream().anyMatch(t -> !t.done)) {
                for (Target target : targets) {
                    if (!target.done && caughtUp(target, run.head)) {
                        target.models.forEach(ReadModel::rebuilt);
                        target.done = true;
                        log.info("Read models of processor '{}' rebuilt", target.processor.getName());
                    }
                }
                Thread.sleep(WATCH_INTERVAL.toMillis());
            }
            run.finish(State.DONE);
            log.info("Rebuild done in {}", Duration.between(run.startedAt, run.finishedAt));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("The rebuild of the read models failed", e);
            run.error = e.getMessage() == null ? e.toString() : e.getMessage();
            // whatever happened, the processors run again, so the read models keep following the events
            targets.stream().map(t -> t.processor).filter(p -> !p.isRunning()).forEach(p -> {
                try {
                    p.start();
                } catch (RuntimeException restart) {
                    log.error("Processor {} could not be started again", p.getName(), restart);
                }
            });
            run.finish(State.FAILED);
        }
    }

    /** Every segment has replayed past the head of the moment the rebuild began. */
    private static boolean caughtUp(Target target, long head) {
        Map<Integer, EventTrackerStatus> statuses = target.processor.processingStatus();
        double covered = 0;
        boolean erring = false;
        boolean caughtUp = !statuses.isEmpty();
        for (EventTrackerStatus status : statuses.values()) {
            covered += 1.0 / (status.getSegment().getMask() + 1);
            erring |= status.isErrorState();
            // (not isReplaying(): Axon keeps a segment "replaying" until an event after the reset position arrives)
            caughtUp &= status.getCurrentPosition().orElse(0) >= head;
        }
        if (erring) {
            Instant now = Instant.now();
            if (target.erringSince == null) {
                target.erringSince = now;
            } else if (Duration.between(target.erringSince, now).compareTo(ERROR_LIMIT) > 0) {
                throw new IllegalStateException("The processor '" + target.processor.getName() + "' has been failing for "
                        + ERROR_LIMIT.toSeconds() + " s: " + statuses.values().stream()
                        .filter(EventTrackerStatus::isErrorState).findFirst().map(s -> String.valueOf(s.getError())).orElse(""));
            }
        } else {
            target.erringSince = null;
        }
        // every segment must be claimed and reporting (all of them together cover the whole event stream)
        return caughtUp && covered >= 0.999;
    }

    /** The slowest segment's position. */
    private static long position(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(0))
                .min().orElse(0);
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM " + EventStoreSchema.EVENT_TABLE, Long.class);
        return head == null ? 0 : head;
    }
}
