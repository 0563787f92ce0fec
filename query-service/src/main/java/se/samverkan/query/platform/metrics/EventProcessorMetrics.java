package se.samverkan.query.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.platform.eventstore.EventStoreSchema;
import se.samverkan.query.platform.eventstore.StoredTime;
import se.samverkan.query.platform.replay.ReadModel;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * How far behind the head of the event store each event processor is, and how many events each
 * processing group has parked as dead letters. The figures come from the database (token_entry,
 * dead_letter_entry, domain_event_entry), not from this instance's processors, so every instance
 * reports the processor as a whole, whichever instance holds which segments. A processor is as far as
 * its slowest segment. One snapshot serves a scrape; it is read at most once a second.
 */
@Component
public class EventProcessorMetrics {

    public static final String POSITION = "samverkan.processor.position";
    public static final String LAG_EVENTS = "samverkan.processor.lag.events";
    public static final String LAG_SECONDS = "samverkan.processor.lag.seconds";
    public static final String DEAD_LETTERS = "samverkan.deadletters";
    private static final Duration SNAPSHOT_AGE = Duration.ofSeconds(1);

    private static final String TOKENS = "SELECT processor_name, token, token_type FROM token_entry";
    private static final String HEAD_AND_TAIL = "SELECT coalesce(max(global_index), -1), coalesce(min(global_index), 0) - 1 FROM "
            + EventStoreSchema.EVENT_TABLE;
    private static final String OLDEST_AFTER = "SELECT time_stamp FROM " + EventStoreSchema.EVENT_TABLE
            + " WHERE global_index > ? ORDER BY global_index LIMIT 1";
    private static final String DEAD_LETTER_COUNTS =
            "SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventProcessingConfiguration processing;
    private final MeterRegistry registry;
    private final ObjectProvider<ReadModel> readModels;
    private final Set<String> processors = new TreeSet<>();
    private final Set<String> groups = new TreeSet<>();
    private Snapshot snapshot;

    public EventProcessorMetrics(JdbcTemplate jdbc, Serializer serializer, EventProcessingConfiguration processing,
                                 ObjectProvider<ReadModel> readModels, MeterRegistry registry) {
        this.readModels = readModels;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processing = processing;
        this.registry = registry;
    }

    /** The processors exist once Axon has started; each read model's processing group has a dead-letter queue. */
    @EventListener(ApplicationReadyEvent.class)
    public void registerGauges() {
        track(processing.eventProcessors().keySet(), readModels.orderedStream().map(ReadModel::processingGroup).toList());
    }

    synchronized void track(Collection<String> processorNames, Collection<String> deadLetteringGroups) {
        for (String group : new TreeSet<>(deadLetteringGroups)) {
            if (groups.add(group)) {
                gauge(DEAD_LETTERS, "Events parked in the processing group's dead-letter queue",
                        "processing_group", group, s -> s.deadLetters(group));
            }
        }
        for (String processor : new TreeSet<>(processorNames)) {
            if (!processors.add(processor)) {
                continue;
            }
            gauge(POSITION, "Global index of the last event the processor's slowest segment handled (first index - 1: none)",
                    "processor", processor, s -> s.position(processor));
            gauge(LAG_EVENTS, "Events between the head of the event store and the processor's slowest segment",
                    "processor", processor, s -> s.lagEvents(processor));
            gauge(LAG_SECONDS, "Age of the oldest event the processor has not handled yet; 0 when caught up",
                    "processor", processor, s -> s.lagSeconds(processor));
        }
        snapshot = null;
    }

    private void gauge(String name, String description, String tag, String value, ToDoubleFunction<Snapshot> reading) {
        Gauge.builder(name, this, metrics -> reading.applyAsDouble(metrics.snapshot()))
                .description(description)
                .tag(tag, value)
                .strongReference(true)
                .register(registry);
    }

    synchronized Snapshot snapshot() {
        Instant now = Instant.now(); // wall time: lag is how long ago the event really happened
        if (snapshot == null || snapshot.takenAt().plus(SNAPSHOT_AGE).isBefore(now)) {
            snapshot = read(now);
        }
        return snapshot;
    }

    private Snapshot read(Instant now) {
        long[] headAndTail = jdbc.queryForObject(HEAD_AND_TAIL, (rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)});
        long head = headAndTail[0];
        // a segment that has handled nothing stands just before the first event, where Axon's tail token is
        long tail = headAndTail[1];
        Map<String, Long> positions = new HashMap<>();
        processors.forEach(processor -> positions.put(processor, Long.MAX_VALUE));
        jdbc.query(TOKENS, rs -> {
            String processor = rs.getString("processor_name");
            if (processors.contains(processor)) {
                positions.merge(processor, positionOf(rs.getBytes("token"), rs.getString("token_type"), tail), Math::min);
            }
        });
        positions.replaceAll((processor, position) -> position == Long.MAX_VALUE ? tail : position);
        Map<String, Double> lagSeconds = new HashMap<>();
        Map<Long, Double> ageByPosition = new HashMap<>();
        positions.forEach((processor, position) -> lagSeconds.put(processor,
                position >= head ? 0.0 : ageByPosition.computeIfAbsent(position, p -> ageOfFirstEventAfter(p, now))));
        Map<String, Long> deadLetters = new HashMap<>();
        jdbc.query(DEAD_LETTER_COUNTS, rs -> {
            deadLetters.put(rs.getString(1), rs.getLong(2));
        });
        return new Snapshot(now, head, positions, lagSeconds, deadLetters);
    }

    private long positionOf(byte[] token, String tokenType, long tail) {
        if (token == null || tokenType == null) {
            return tail;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
        OptionalLong position = tracking == null ? OptionalLong.empty() : tracking.position();
        return position.orElse(tail);
    }

    private double ageOfFirstEventAfter(long position, Instant now) {
        // NaN (unknown) when that event's stored time stamp is no instant: a damaged row must not take the metrics down
        return jdbc.query(OLDEST_AFTER, rs -> rs.next()
                ? StoredTime.parse(rs.getString(1)).map(at -> Math.max(0, Duration.between(at, now).toMillis() / 1000.0))
                        .orElse(Double.NaN)
                : 0.0, position);
    }

    record Snapshot(Instant takenAt, long head, Map<String, Long> positions, Map<String, Double> lagSeconds,
                    Map<String, Long> deadLetters) {

        double position(String processor) {
            return positions.getOrDefault(processor, head);
        }

        double lagEvents(String processor) {
            return Math.max(0, head - positions.getOrDefault(processor, head));
        }

        double lagSeconds(String processor) {
            return lagSeconds.getOrDefault(processor, 0.0);
        }

        double deadLetters(String group) {
            return deadLetters.getOrDefault(group, 0L);
        }
    }
}
