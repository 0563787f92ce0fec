package se.samverkan.query.notification.stream;

import se.samverkan.query.notification.StoredBytesIT;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.platform.database.DatabaseLocation;
import se.samverkan.query.QueryServiceApplication;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query service starts, and restarts, on an event store that holds rows no reader can take as JSON (a
 * \u0000 escape that jsonb refuses, invalid UTF-8, a JSON array): its start-up catch-up of the event streams
 * passes them, and a stream of the project then serves the readable events.
 */
class StartWithDamagedRowsIT {

    private static final String ADMIN = "start-with-damaged-rows-admin";
    private static final String PROJECT = "damaged-start";
    private static EmbeddedPostgres postgres;
    private static Path dataDir;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataDir = Files.createTempDirectory("samverkan-damaged-rows-it-");
        new DatabaseLocation(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "").writeTo(dataDir);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @Test
    void startsAndRestartsWithDamagedRowsInTheStore() throws Exception {
        try (ConfigurableApplicationContext first = start()) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            StoredBytesIT.append(jdbc, PROJECT, 0, "se.samverkan.events.project.ProjectCreated", ("{\"projectId\":\"" + PROJECT
                    + "\",\"caseId\":\"C-1\",\"name\":\"Damaged start\",\"programme\":\"P\",\"periodStart\":\"2024-01-01\","
                    + "\"periodEnd\":\"2025-12-31\",\"beneficiaryOrgNumber\":\"556016-0680\"}").getBytes(StandardCharsets.UTF_8),
                    StoredBytesIT.metadata());
            StoredBytesIT.append(jdbc, "nul-meeting", 0, "se.samverkan.events.activity.MeetingHeld",
                    StoredBytesIT.meeting("nul-meeting", "A\\u0000B").clone(), StoredBytesIT.metadata());
            StoredBytesIT.append(jdbc, "junk", 0, "se.samverkan.events.activity.MeetingHeld",
                    StoredBytesIT.bytes("\"projectId\":\"" + PROJECT + "\" ", new byte[] {(byte) 0xFF, 0}), StoredBytesIT.metadata());
            StoredBytesIT.append(jdbc, "array", 0, "se.samverkan.events.activity.MeetingHeld", "[1,2,3]".getBytes(),
                    StoredBytesIT.metadata());
        }
        // the meeting with \u0000 belongs to project siv in the helper's JSON; this project's stream has the project itself
        for (int start = 1; start <= 2; start++) {
            try (ConfigurableApplicationContext context = start()) {
                String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
                HttpResponse<String> health = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as("start %d: %s", start, health.body()).isEqualTo(200);
                try (SseClient stream = SseClient.open(base + "/api/projects/" + PROJECT + "/events/stream", ADMIN,
                        Map.of("Last-Event-ID", "0"))) {
                    assertThat(stream.status()).isEqualTo(200);
                    List<String> types = new ArrayList<>();
                    SseClient.Frame frame = stream.next(Duration.ofSeconds(10));
                    if (frame != null) {
                        types.add(frame.event());
                    }
                    assertThat(types).as("start %d", start).containsExactly("ProjectCreated");
                }
                HttpResponse<String> verification = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(base + "/api/projects/" + PROJECT + "/verification"))
                        .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(verification.statusCode()).as(verification.body()).isEqualTo(200);
            }
        }
    }

    private static ConfigurableApplicationContext start() {
        return QueryServiceApplication.builder().run("--server.port=0", "--samverkan.data-dir=" + dataDir,
                "--samverkan.db.url=", "--samverkan.admin-token=" + ADMIN);
    }
}
