package se.samverkan.query.notification.webhook;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.Platform;
import se.samverkan.query.support.ServiceProcesses;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery survives a crash: a second query service runs as its own process (the runnable jar) on the
 * platform's database and is the only one delivering (the in-JVM outbox processor and workers are
 * stopped meanwhile); it is killed with SIGKILL in the middle of a burst of commands and started
 * again. Every event arrives, duplicates only ever with the webhook-id of their event, in order.
 */
class WebhookKillIT {

    private static final Path JAR = Path.of("target/query-service-exec.jar");
    private static final int EVENTS = 40;

    @Test
    void killedMidBurstAndRestartedEveryEventIsDeliveredDuplicatesOnlyWithTheSameWebhookId() throws Exception {
        assertThat(JAR).as("the runnable jar (built by the package phase)").exists();
        Platform platform = Platform.get();
        platform.playScenarioOnce();
        EventProcessor inJvmOutbox = platform.queryService().getBean(EventProcessingConfiguration.class)
                .eventProcessor(WebhookOutbox.PROCESSING_GROUP).orElseThrow();
        WebhookDispatcher inJvmWorkers = platform.queryService().getBean(WebhookDispatcher.class);
        inJvmOutbox.shutDown();
        inJvmWorkers.stop();
        Process service = null;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.slowDown(Duration.ofMillis(40)); // so that the kill finds deliveries in flight
            int port = ServiceProcesses.freePort();
            Path log = Files.createTempFile("webhook-kill-", ".log");
            service = startQueryService(platform, port, log);
            awaitHealthy(port, service, log);

            String project = "wh-kill-" + UUID.randomUUID().toString().substring(0, 8);
            platform.createProject(project, "Webhook kill test " + project);
            String partner = platform.issueToken("PARTNER", List.of(project));
            Platform.Answer created = platform.send(platform.queryUrl(), "POST", "/api/subscriptions", partner,
                    Map.of("url", receiver.url("/kill"), "projects", List.of(project)), Map.of());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String subscription = created.json().get("id").asText();

            List<String> meetings = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                meetings.add("wh-kill-" + i + "-" + UUID.randomUUID());
            }
            CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> meetings.forEach(m -> platform.recordMeeting(project, m, "Burst " + m)));
            receiver.await("/kill", 8, Duration.ofSeconds(60));
            service.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no graceful stop
            int beforeKill = receiver.all("/kill").size();
            burst.get();
            service = startQueryService(platform, port, log);
            awaitHealthy(port, service, log);

            Map<String, Long> expected = new LinkedHashMap<>();
            for (String meeting : meetings) {
                long index = platform.jdbc().queryForObject(
                        "SELECT min(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, meeting);
                expected.put("msg_" + subscription + "_" + index, index);
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(receiver.all("/kill").stream().map(r -> r.header("webhook-id")).distinct().count())
                            .as("distinct events delivered").isGreaterThanOrEqualTo(EVENTS));
            List<WebhookReceiver.Received> received = receiver.all("/kill");
            List<String> firstArrivals = received.stream().map(r -> r.header("webhook-id")).distinct().toList();
            assertThat(firstArrivals).as("every event once at least, in order").containsExactlyElementsOf(expected.keySet());
            for (WebhookReceiver.Received r : received) {
                assertThat(r.eventIndex()).as("a duplicate carries its event's webhook-id").isEqualTo(expected.get(r.header("webhook-id")));
            }
            System.out.printf("Kill test: %d events, %d received before the kill, %d requests in all (%d duplicates)%n",
                    EVENTS, beforeKill, received.size(), received.size() - EVENTS);
        } finally {
            if (service != null) {
                service.destroyForcibly().waitFor();
                // the dead process's token claims would otherwise hold the in-JVM processors back until they time out,
                // and its heartbeat would keep the in-JVM instance at half of the segments until it expires
                platform.jdbc().update("UPDATE token_entry SET owner = NULL WHERE owner LIKE ?", service.pid() + "@%");
                platform.jdbc().update("DELETE FROM query_instance WHERE instance_id LIKE ?", service.pid() + "@%");
            }
            inJvmWorkers.start();
            inJvmOutbox.start();
        }
    }

    private static Process startQueryService(Platform platform, int port, Path log) throws Exception {
        HikariDataSource database = platform.queryService().getBean(HikariDataSource.class);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx384m", "-jar", JAR.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--samverkan.db.url=" + database.getJdbcUrl(),
                "--samverkan.db.user=" + database.getUsername(),
                "--samverkan.db.password=" + database.getPassword(),
                // the same data folder, for the same webhook-key file
                "--samverkan.data-dir=" + platform.queryService().getEnvironment().getProperty("samverkan.data-dir"),
                "--samverkan.admin-token=" + Platform.ADMIN_TOKEN,
                "--samverkan.webhook.allow-private=true",
                "--samverkan.webhook.retry-schedule=" + Platform.WEBHOOK_RETRY_SCHEDULE);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private static void awaitHealthy(int port, Process service, Path log) {
        ServiceProcesses.awaitHealthy(new ServiceProcesses.Service("query-service", service, "http://127.0.0.1:" + port, log),
                Duration.ofSeconds(120));
    }
}
