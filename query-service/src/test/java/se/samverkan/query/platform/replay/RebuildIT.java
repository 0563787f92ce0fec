package se.samverkan.query.platform.replay;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.query.support.Platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild through the admin endpoint replays every read model from the event store and ends with
 * exactly the read models it started from; tokens keep working meanwhile.
 */
class RebuildIT {

    /** Not read models: processor positions, parked events, browser sessions. */
    private static final List<String> NOT_REBUILT = List.of("token_entry", "dead_letter_entry", "web_session", "query_instance");
    private static Platform platform;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void scenario() {
        platform = Platform.get();
        platform.playScenarioOnce();
        jdbc = platform.jdbc();
    }

    @Test
    void aRebuildEndsWithExactlyTheReadModelsItStartedFrom() throws Exception {
        String coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        awaitProcessorsCaughtUp();
        Map<String, List<String>> before = snapshot();
        assertThat(before).containsKey("access_token");
        assertThat(before.get("access_token")).hasSizeGreaterThanOrEqualTo(3);
        System.out.println("Read-model tables compared: " + before.keySet() + ", rows: "
                + before.values().stream().mapToInt(List::size).sum());

        // damage the read model: a row no event justifies, and a changed one; the rebuild must undo both
        jdbc.update("INSERT INTO access_token (token_id, name, role, projects, token_hash) VALUES"
                + " ('not-from-any-event', 'stray', 'ADMIN', '{}', repeat('0', 64))");
        jdbc.update("UPDATE access_token SET name = 'tampered' WHERE token_id = (SELECT min(token_id) FROM access_token"
                + " WHERE token_id <> 'not-from-any-event')");

        Platform.Answer started = platform.send(platform.queryUrl(), "POST", "/api/admin/rebuild", Platform.ADMIN_TOKEN, null, Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("state").asText()).isEqualTo("RUNNING");
        assertThat(started.response().headers().firstValue("Location")).hasValue("/api/admin/rebuild");
        Platform.Answer again = platform.send(platform.queryUrl(), "POST", "/api/admin/rebuild", Platform.ADMIN_TOKEN, null, Map.of());
        assertThat(again.status()).as("a second rebuild while one runs").isEqualTo(409);
        assertThat(again.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        // follow it; an issued token keeps working throughout
        AtomicInteger runningPolls = new AtomicInteger();
        JsonNode status = await().atMost(Duration.ofSeconds(120)).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).alias("rebuild finished in time")
                .until(() -> {
                    JsonNode now = platform.query("/api/admin/rebuild", Platform.ADMIN_TOKEN).json();
                    if (now.get("state").asText().equals("RUNNING")) {
                        runningPolls.incrementAndGet();
                        assertThat(platform.query("/api/no-such-thing", coordinator).status())
                                .as("an issued token during the rebuild").isEqualTo(404);
                    }
                    return now;
                }, now -> !now.get("state").asText().equals("RUNNING"));
        System.out.println("Rebuild: " + status + " (" + runningPolls + " polls while running)");
        assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("DONE");
        assertThat(status.get("error").isNull()).isTrue();
        assertThat(Instant.parse(status.get("finishedAt").asText())).isAfterOrEqualTo(Instant.parse(status.get("startedAt").asText()));
        // every read model's processor is rebuilt; the webhook outbox has side effects and must not re-send history
        assertThat(status.get("skipped")).as("only processors without a ReadModel are left alone")
                .extracting(JsonNode::asText).containsExactly("webhook-outbox");
        List<String> names = new ArrayList<>();
        status.get("processors").forEach(processor -> {
            names.add(processor.get("name").asText());
            assertThat(processor.get("done").asBoolean()).isTrue();
            assertThat(processor.get("percent").asDouble()).isEqualTo(100.0);
            assertThat(processor.get("position").asLong()).isGreaterThanOrEqualTo(processor.get("head").asLong());
            assertThat(processor.get("head").asLong()).isPositive();
        });
        // one processor runs every read model's group, the token table's ("security") among them
        assertThat(names).containsExactly("read-models");

        awaitProcessorsCaughtUp();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(platform.query("/api/no-such-thing", coordinator).status()).isEqualTo(404);
    }

    @Test
    void onlyAnAdminMayRebuild() {
        String coordinator = platform.issueToken("COORDINATOR", List.of());
        Platform.Answer post = platform.send(platform.queryUrl(), "POST", "/api/admin/rebuild", coordinator, null, Map.of());
        assertThat(post.status()).isEqualTo(403);
        assertThat(post.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(platform.query("/api/admin/rebuild", coordinator).status()).isEqualTo(403);
        assertThat(platform.send(platform.queryUrl(), "POST", "/api/admin/rebuild", null, null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void theOpsScriptRunsARebuildToTheEnd() throws Exception {
        Path dataDir = Files.createTempDirectory("samverkan-rebuild-script-");
        ProcessResult done = runScript(dataDir, "--query", platform.queryUrl(), "--admin-token", Platform.ADMIN_TOKEN);
        assertThat(done.exitCode()).as(done.output()).isZero();
        assertThat(done.output()).contains("Rebuild of the read models started").contains("DONE").contains("read-models 100.0%");

        // the token may also come from the data folder, as ops/run keeps it
        Files.writeString(dataDir.resolve("admin-token"), Platform.ADMIN_TOKEN);
        ProcessResult fromFile = runScript(dataDir, "--query", platform.queryUrl());
        assertThat(fromFile.exitCode()).as(fromFile.output()).isZero();

        String partner = platform.issueToken("PARTNER", List.of());
        ProcessResult refused = runScript(dataDir, "--query", platform.queryUrl(), "--admin-token", partner);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("HTTP 403");
        awaitProcessorsCaughtUp();
    }

    // --- helpers

    private record ProcessResult(int exitCode, String output) {
    }

    private static ProcessResult runScript(Path dataDir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "../ops/rebuild"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SAMVERKAN_DATA_DIR", dataDir.toString());
        builder.environment().remove("SAMVERKAN_ADMIN_TOKEN");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println("ops/rebuild " + String.join(" ", arguments).replace(Platform.ADMIN_TOKEN, "<admin>") + ":\n" + output);
        return new ProcessResult(process.exitValue(), output);
    }

    /** Every table of the schema query except those that are not read models, each as its rows in text, sorted. */
    private static Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'query' AND table_type = 'BASE TABLE'", String.class)) {
            if (!NOT_REBUILT.contains(table)) {
                List<String> rows = new ArrayList<>(jdbc.queryForList(
                        "SELECT t::text FROM query.\"" + table.replace("\"", "\"\"") + "\" t", String.class));
                rows.sort(null);
                tables.put(table, rows);
            }
        }
        return tables;
    }

    /** Until every processor has handled every stored event (read models settle eventually). */
    private static void awaitProcessorsCaughtUp() {
        EventProcessingConfiguration processing = platform.queryService().getBean(EventProcessingConfiguration.class);
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .alias("the processors catch up with the event store").until(() -> {
                    long head = jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
                    return processing.eventProcessors().values().stream().allMatch(processor -> {
                        if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.isRunning()) {
                            return false;
                        }
                        Map<Integer, EventTrackerStatus> statuses = streaming.processingStatus();
                        return !statuses.isEmpty() && statuses.values().stream()
                                .allMatch(status -> status.getCurrentPosition().orElse(0) >= head);
                    });
                });
    }
}
