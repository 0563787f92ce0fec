package se.samverkan.query.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import se.samverkan.query.platform.replay.ReadModel;
import se.samverkan.query.support.Platform;
import se.samverkan.query.support.Platform.Answer;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;

/**
 * The query service's metrics: each processor's position and lag behind the event store, dead letters
 * per processing group, HTTP; and the Grafana dashboard asks only for metrics the two services expose.
 */
class QueryServiceMetricsIT {

    private final Platform platform = Platform.get();

    @Test
    void everyProcessorReportsItsPositionAndCatchesUpWithTheHead() {
        String organisationId = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = platform.command("POST", "/api/organisations", Platform.ADMIN_TOKEN, Map.of("id", organisationId,
                "orgNumber", randomSwedish(), "name", "Metrics AB " + organisationId, "country", "SE", "category", "COMPANY"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long head = platform.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        Set<String> processors = new TreeSet<>(platform.queryService().getBean(EventProcessingConfiguration.class)
                .eventProcessors().keySet());
        // one processor for every read model, one for the webhook outbox
        assertThat(processors).containsExactly("read-models", "webhook-outbox");

        // caught up: every processor at or past the head read above, nothing behind, nothing old waiting
        Answer caughtUp = platform.awaitQuery("/actuator/prometheus", Platform.ADMIN_TOKEN, answer -> answer.status() == 200
                && processors.stream().allMatch(p -> value(answer.body(), "samverkan_processor_position", "processor=\"" + p + "\"") >= head
                        && value(answer.body(), "samverkan_processor_lag_events", "processor=\"" + p + "\"") == 0),
                Duration.ofSeconds(20));
        for (String processor : processors) {
            String tag = "processor=\"" + processor + "\"";
            assertThat(value(caughtUp.body(), "samverkan_processor_lag_seconds", tag)).as(processor).isEqualTo(0.0);
        }
        // dead letters are counted per processing group: each read model has its own queue
        for (String group : List.of("organisations", "projects", "activities", "pilots", "indicators", "engagements",
                "recent-changes", "security")) {
            assertThat(caughtUp.body()).contains("samverkan_deadletters{processing_group=\"" + group + "\"}");
        }
    }

    @Test
    void aProcessorIsAsFarBehindAsItsSlowestSegmentAndDeadLettersAreCountedPerGroup() {
        // A processor of its own (nothing runs it), so the live processors are left alone: two segments, one
        // at the event before the head, the other never started; and one parked event in its dead-letter queue.
        String processor = "metrics-test-" + UUID.randomUUID().toString().substring(0, 8);
        long head = platform.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        Serializer serializer = platform.queryService().getBean(Serializer.class);
        SerializedObject<byte[]> nearlyThere = serializer.serialize(GapAwareTrackingToken.newInstance(head - 1, List.of()), byte[].class);
        platform.jdbc().update("INSERT INTO token_entry (processor_name, segment, token, token_type) VALUES (?, 0, ?, ?), (?, 1, NULL, NULL)",
                processor, nearlyThere.getData(), nearlyThere.getType().getName(), processor);
        platform.jdbc().update("INSERT INTO dead_letter_entry (dead_letter_id, processing_group, sequence_identifier,"
                        + " sequence_index, message_type, event_identifier, time_stamp, payload_type, payload, enqueued_at)"
                        + " VALUES (?, ?, 'some-aggregate', 0, 'org.axonframework.eventhandling.GenericDomainEventMessage', ?, ?, 'x', ?, ?)",
                UUID.randomUUID().toString(), processor, UUID.randomUUID().toString(), Instant.now().toString(),
                "{}".getBytes(), Instant.now().toString());
        Map<String, Object> firstEvent = platform.jdbc().queryForMap("SELECT global_index, time_stamp FROM domain_event_entry ORDER BY global_index LIMIT 1");
        long beforeFirst = ((Number) firstEvent.get("global_index")).longValue() - 1;
        String firstEventAt = (String) firstEvent.get("time_stamp");
        try {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            EventProcessorMetrics metrics = new EventProcessorMetrics(platform.jdbc(), serializer,
                    platform.queryService().getBean(EventProcessingConfiguration.class),
                    platform.queryService().getBeanProvider(ReadModel.class), registry);
            metrics.track(List.of(processor), List.of(processor));
            Instant now = Instant.now();

            // the segment without a token stands where Axon's tail token does, just before the first event
            assertThat(gauge(registry, EventProcessorMetrics.POSITION, "processor", processor)).isEqualTo(beforeFirst);
            assertThat(gauge(registry, EventProcessorMetrics.LAG_EVENTS, "processor", processor)).isEqualTo((double) head - beforeFirst);
            // the slowest segment has not seen the first event: the lag is that event's age
            double expectedAge = Duration.between(Instant.parse(firstEventAt), now).toMillis() / 1000.0;
            assertThat(gauge(registry, EventProcessorMetrics.LAG_SECONDS, "processor", processor)).isCloseTo(expectedAge, within(5.0));
            assertThat(gauge(registry, EventProcessorMetrics.DEAD_LETTERS, "processing_group", processor)).isEqualTo(1.0);

            // the second segment reaches the head: the first one, one event short, is now the slowest
            platform.jdbc().update("UPDATE token_entry SET token = ?, token_type = ? WHERE processor_name = ? AND segment = 1",
                    serializer.serialize(GapAwareTrackingToken.newInstance(head, List.of()), byte[].class).getData(),
                    nearlyThere.getType().getName(), processor);
            metrics.track(List.of(), List.of()); // forget the snapshot
            assertThat(gauge(registry, EventProcessorMetrics.POSITION, "processor", processor)).isEqualTo(head - 1.0);
            assertThat(gauge(registry, EventProcessorMetrics.LAG_EVENTS, "processor", processor)).isEqualTo(1.0);
            assertThat(gauge(registry, EventProcessorMetrics.LAG_SECONDS, "processor", processor)).isGreaterThanOrEqualTo(0.0);

            // caught up: no lag in events or seconds
            platform.jdbc().update("UPDATE token_entry SET token = ? WHERE processor_name = ? AND segment = 0",
                    serializer.serialize(GapAwareTrackingToken.newInstance(head, List.of()), byte[].class).getData(), processor);
            metrics.track(List.of(), List.of());
            assertThat(gauge(registry, EventProcessorMetrics.LAG_EVENTS, "processor", processor)).isEqualTo(0.0);
            assertThat(gauge(registry, EventProcessorMetrics.LAG_SECONDS, "processor", processor)).isEqualTo(0.0);
        } finally {
            platform.jdbc().update("DELETE FROM dead_letter_entry WHERE processing_group = ?", processor);
            platform.jdbc().update("DELETE FROM token_entry WHERE processor_name = ?", processor);
        }
    }

    private static double gauge(MeterRegistry registry, String name, String tag, String value) {
        return registry.get(name).tag(tag, value).gauge().value();
    }

    @Test
    void metricsNeedAnAdminTokenOnTheQueryServiceAndHealthIsOpen() {
        Answer anonymous = platform.query("/actuator/prometheus", null);
        assertThat(anonymous.status()).isEqualTo(401);
        String partner = platform.issueToken("PARTNER", List.of());
        assertThat(platform.query("/actuator/prometheus", partner).status()).isEqualTo(403);
        String coordinator = platform.issueToken("COORDINATOR", List.of());
        assertThat(platform.query("/actuator/prometheus", coordinator).status()).isEqualTo(403);
        Answer health = platform.query("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(platform.query("/actuator/prometheus", Platform.ADMIN_TOKEN).body()).contains("http_server_requests_seconds_count{");
    }

    @Test
    void theGrafanaDashboardAsksOnlyForMetricsTheServicesExpose() throws Exception {
        // some traffic, so that the command metrics exist
        String probeId = "metrics-probe-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(platform.command("POST", "/api/organisations", Platform.ADMIN_TOKEN, Map.of("id", probeId,
                "orgNumber", randomSwedish(), "name", "Metrics probe", "country", "SE", "category", "PUBLIC_SECTOR")).status()).isEqualTo(201);
        Set<String> exposed = new TreeSet<>();
        exposed.addAll(metricNames(scrape(platform.commandUrl())));
        exposed.addAll(metricNames(scrape(platform.queryUrl())));

        Set<String> asked = DashboardQueries.metricNames(Files.readString(DashboardQueries.DASHBOARD));
        assertThat(asked).isNotEmpty();
        assertThat(exposed).containsAll(asked);
    }

    private String scrape(String base) {
        Answer answer = platform.send(base, "GET", "/actuator/prometheus", Platform.ADMIN_TOKEN, null, Map.of());
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private static Set<String> metricNames(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher sample = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(scrape);
        while (sample.find()) {
            names.add(sample.group(1));
        }
        return names;
    }

    /** The value of the first sample of {@code metric} whose labels contain {@code label}; NaN when absent. */
    static double value(String scrape, String metric, String label) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (line.find()) {
            if (line.group(1).contains(label)) {
                return Double.parseDouble(line.group(2));
            }
        }
        return Double.NaN;
    }
}
