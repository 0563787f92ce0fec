package se.samverkan.query;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.platform.database.DatabaseLocation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query service finds the embedded PostgreSQL of its data folder (as ops/run starts it), creates
 * the shared event-store tables if the command service has not yet, and reports health.
 */
class QueryServiceStartIT {

    private static EmbeddedPostgres postgres;
    private static Path dataDir;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataDir = Files.createTempDirectory("samverkan-query-it-");
        new DatabaseLocation(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "").writeTo(dataDir);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @Test
    void startsOnTheDataFoldersDatabaseAndReportsHealth() throws Exception {
        try (ConfigurableApplicationContext context = QueryServiceApplication.builder()
                .run("--server.port=0", "--samverkan.data-dir=" + dataDir, "--samverkan.db.url=")) {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isZero();
            // the read models' processor keeps its positions in PostgreSQL, four segments (ProcessingConfiguration)
            assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = 'read-models'", Long.class))
                    .isEqualTo(4);
        }
    }
}
