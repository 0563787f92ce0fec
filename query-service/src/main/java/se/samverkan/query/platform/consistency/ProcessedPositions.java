package se.samverkan.query.platform.consistency;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.platform.eventstore.EventStoreSchema;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * How far the read models are: whether every event processor (of those asked about) has processed a given global
 * index, and a bounded wait until they have. A segment this instance runs is judged by Axon's processing status in
 * memory (advanced once a batch's transaction committed); a segment another instance runs, by its token in
 * token_entry. Waiters are woken when a processor here commits a batch ({@link #progressed()}). A processor that
 * has nothing to do for an event advances its status without a batch, which wakes nobody, and it does so right
 * when it reads the event, as the others start their batches: so a waiter also looks again soon by itself,
 * {@link #FIRST_LOOK} after it started waiting, then at doubling intervals up to {@link #FALLBACK_LOOK}.
 */
@Component
public class ProcessedPositions {

    static final Duration FIRST_LOOK = Duration.ofMillis(4);
    static final Duration FALLBACK_LOOK = Duration.ofMillis(100);
    private static final String TOKENS = "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?";

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Object progress = new Object();

    public ProcessedPositions(ObjectProvider<EventProcessingConfiguration> processing, JdbcTemplate jdbc, Serializer serializer) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** A processor of this instance committed a batch: waiters look again. */
    public void progressed() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** The highest global index stored and visible now (0 for an empty store). */
    public long storeHead() {
        Long head = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM " + EventStoreSchema.EVENT_TABLE, Long.class);
        return head == null ? 0 : head;
    }

    /**
     * Waits at most {@code wait} until every processor whose name {@code processors} accepts has processed
     * {@code position}; answers whether they have.
     */
    public boolean awaitProcessed(long position, Predicate<String> processors, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long look = FIRST_LOOK.toMillis();
        while (!processed(position, processors)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (progress) {
                progress.wait(Math.max(1, Math.min(Duration.ofNanos(left).toMillis(), look)));
            }
            look = Math.min(look * 2, FALLBACK_LOOK.toMillis());
        }
        return true;
    }

    /** As {@link #awaitProcessed}, for the processor that runs {@code processingGroup} (processors may run several). */
    public boolean awaitProcessedByGroup(long position, String processingGroup, Duration wait) throws InterruptedException {
        String processor = processing.getObject().eventProcessorByProcessingGroup(processingGroup)
                .map(EventProcessor::getName)
                .orElseThrow(() -> new IllegalStateException("No event processor runs the processing group " + processingGroup));
        return awaitProcessed(position, processor::equals, wait);
    }

    /** Whether every processor {@code processors} accepts has processed {@code position} (0 always has been). */
    public boolean processed(long position, Predicate<String> processors) {
        if (position <= 0) {
            return true;
        }
        for (StreamingEventProcessor processor : processing.getObject().eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .filter(p -> processors.test(p.getName())).toList()) {
            if (!processed(processor, position)) {
                return false;
            }
        }
        return true;
    }

    /** The lowest position every segment of the processors has reached, for messages. */
    public long lowestPosition(Predicate<String> processors) {
        long lowest = Long.MAX_VALUE;
        for (var processor : processing.getObject().eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming && processors.test(streaming.getName())) {
                for (TrackingToken token : tokens(streaming).values()) {
                    lowest = Math.min(lowest, token == null ? 0 : positionOf(token).orElse(0));
                }
            }
        }
        return lowest == Long.MAX_VALUE ? 0 : lowest;
    }

    private boolean processed(StreamingEventProcessor processor, long position) {
        Map<Integer, TrackingToken> tokens = tokens(processor);
        if (tokens.isEmpty()) {
            return false;
        }
        return tokens.values().stream().allMatch(token -> covers(token, position));
    }

    /** Each segment's token: from memory where this instance runs the segment, else as stored. */
    private Map<Integer, TrackingToken> tokens(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> running = processor.processingStatus();
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        double covered = 0;
        for (Map.Entry<Integer, EventTrackerStatus> segment : running.entrySet()) {
            tokens.put(segment.getKey(), segment.getValue().getTrackingToken());
            covered += 1.0 / (segment.getValue().getSegment().getMask() + 1);
        }
        if (covered < 0.999) {
            List<Map.Entry<Integer, TrackingToken>> stored = jdbc.query(TOKENS, (rs, i) -> Map.entry(rs.getInt("segment"),
                    deserialize(rs.getBytes("token"), rs.getString("token_type"))), processor.getName());
            stored.forEach(segment -> tokens.putIfAbsent(segment.getKey(), segment.getValue()));
        }
        return tokens;
    }

    private TrackingToken deserialize(byte[] token, String type) {
        return token == null || type == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }

    /**
     * Whether a token has processed the event at {@code position}: past it and not waiting for it as a gap (an
     * index seen missing because its transaction had not committed yet). During a replay, the replay's position.
     */
    static boolean covers(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return positionOf(current).orElse(-1) >= position;
    }

    private static OptionalLong positionOf(TrackingToken token) {
        return WrappedToken.unwrapLowerBound(token).position();
    }
}
