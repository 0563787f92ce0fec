package se.samverkan.query.ops;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.ServiceProcesses;
import se.samverkan.query.support.ServiceProcesses.Service;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both services on an external PostgreSQL (as with SAMVERKAN_DB_URL) that goes away and comes back: meanwhile
 * writes and reads are answered 503 problem+json with Retry-After (not 500, not a hang) and health turns DOWN;
 * once it is back both services work again without a restart, and what was acknowledged before is still there.
 */
class DatabaseOutageIT {

    private static final String ADMIN = "outage-admin-token";
    private static final String BENEFICIARY = "769604-7237";

    @Test
    void whileTheDatabaseIsDownRequestsAre503AndBothServicesRecoverWhenItIsBack() throws Exception {
        Path pgData = Files.createTempDirectory("samverkan-outage-pg-");
        int pgPort = ServiceProcesses.freePort();
        EmbeddedPostgres database = startDatabase(pgData, pgPort);
        try (ServiceProcesses services = new ServiceProcesses()) {
            try (Connection connection = database.getPostgresDatabase().getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("CREATE ROLE samverkan LOGIN PASSWORD 'outage-secret'");
                sql.execute("CREATE DATABASE samverkan OWNER samverkan");
            }
            Map<String, String> environment = Map.of(
                    "SAMVERKAN_DB_URL", "jdbc:postgresql://localhost:" + pgPort + "/samverkan",
                    "SAMVERKAN_DB_USER", "samverkan", "SAMVERKAN_DB_PASSWORD", "outage-secret",
                    "SAMVERKAN_ADMIN_TOKEN", ADMIN);
            Service command = ServiceProcesses.awaitHealthy(
                    services.startJar("command-service", environment, "COMMAND_PORT", ServiceProcesses.freePort()), Duration.ofMinutes(3));
            Service query = ServiceProcesses.awaitHealthy(
                    services.startJar("query-service", environment, "QUERY_PORT", ServiceProcesses.freePort()), Duration.ofMinutes(3));
            assertThat(ServiceProcesses.send("POST", command.baseUrl() + "/api/organisations", ADMIN, organisation("outage-before"))
                    .statusCode()).isEqualTo(201);

            database.close(); // the database goes away (fast shutdown: every connection is cut)

            for (Service service : List.of(command, query)) {
                Instant asked = Instant.now();
                HttpResponse<String> health = ServiceProcesses.send("GET", service.baseUrl() + "/actuator/health", ADMIN, (String) null);
                System.out.printf("Database outage: %s health answered %d in %d ms%n", service.name(), health.statusCode(),
                        Duration.between(asked, Instant.now()).toMillis());
                assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
                assertThat(ServiceProcesses.json(health).get("status").asText()).isEqualTo("DOWN");
            }
            Instant asked = Instant.now();
            HttpResponse<String> write = ServiceProcesses.send("POST", command.baseUrl() + "/api/projects", ADMIN, Map.of(
                    "id", "outage-project", "caseId", "outage", "name", "Outage", "programme", "Test",
                    "periodStart", "2024-01-01", "periodEnd", "2026-12-31", "beneficiaryOrgNumber", BENEFICIARY));
            System.out.printf("Database outage: a write was answered %d in %d ms%n", write.statusCode(),
                    Duration.between(asked, Instant.now()).toMillis());
            assertUnavailable(write);
            asked = Instant.now();
            HttpResponse<String> read = ServiceProcesses.send("GET", query.baseUrl() + "/api/projects", ADMIN, (String) null);
            System.out.printf("Database outage: a read was answered %d in %d ms%n", read.statusCode(),
                    Duration.between(asked, Instant.now()).toMillis());
            assertUnavailable(read);

            database = startDatabase(pgData, pgPort);
            Instant back = Instant.now();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() ->
                    ServiceProcesses.healthy(command.baseUrl()) && ServiceProcesses.healthy(query.baseUrl()));
            System.out.printf("Database outage: both services healthy %d ms after the database came back%n",
                    Duration.between(back, Instant.now()).toMillis());

            // the same request again now succeeds, and the query side follows: no restart of either service
            HttpResponse<String> retried = ServiceProcesses.send("POST", command.baseUrl() + "/api/projects", ADMIN, Map.of(
                    "id", "outage-project", "caseId", "outage", "name", "Outage", "programme", "Test",
                    "periodStart", "2024-01-01", "periodEnd", "2026-12-31", "beneficiaryOrgNumber", BENEFICIARY));
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
            await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> assertThat(ServiceProcesses.send("GET",
                    query.baseUrl() + "/api/projects/outage-project", ADMIN, (String) null).statusCode()).isEqualTo(200));
            // the organisation acknowledged before the outage is still known: its number cannot be taken again
            HttpResponse<String> sameNumber = ServiceProcesses.send("POST", command.baseUrl() + "/api/organisations", ADMIN,
                    organisation("outage-after"));
            assertThat(sameNumber.statusCode()).as(sameNumber.body()).isEqualTo(409);
        } finally {
            database.close();
        }
    }

    private static void assertUnavailable(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue("Retry-After")).hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(ServiceProcesses.json(answer).get("detail").asText()).contains("database");
    }

    private static Map<String, Object> organisation(String id) {
        return Map.of("id", id, "orgNumber", BENEFICIARY, "name", "Coompanion Värmland", "country", "SE", "category", "CIVIL_SOCIETY");
    }

    private static EmbeddedPostgres startDatabase(Path pgData, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60)).start();
    }
}
