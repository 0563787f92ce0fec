package se.samverkan.query.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docker-compose runs, without Docker: both runnable jars started as separate processes with the
 * Dockerfiles' own CMD, configured only through the environment as docker-compose.yml configures them,
 * against an external PostgreSQL (a separate embedded instance standing in for the compose database).
 * A command sent to the one shows in the other's query API; metrics answer with the admin token.
 */
class ContainerStartCommandIT {

    private static final String ADMIN_TOKEN = "compose-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CMD = Pattern.compile("(?m)^CMD\\s+(\\[.*])\\s*$");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();
    private EmbeddedPostgres composeDatabase;

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy(); // SIGTERM, as docker stop does
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        if (composeDatabase != null) {
            composeDatabase.close();
        }
    }

    @Test
    void theImagesStartCommandsRunBothServicesAgainstAnExternalPostgresql() throws Exception {
        composeDatabase = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        try (Connection connection = composeDatabase.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            // as the postgres image makes it from POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD
            sql.execute("CREATE ROLE samverkan LOGIN PASSWORD 'compose-secret'");
            sql.execute("CREATE DATABASE samverkan OWNER samverkan");
        }
        Map<String, String> database = Map.of(
                "SAMVERKAN_DB_URL", "jdbc:postgresql://localhost:" + composeDatabase.getPort() + "/samverkan",
                "SAMVERKAN_DB_USER", "samverkan",
                "SAMVERKAN_DB_PASSWORD", "compose-secret",
                "SAMVERKAN_ADMIN_TOKEN", ADMIN_TOKEN);

        int commandPort = freePort();
        String command = "http://localhost:" + commandPort;
        start("command-service", database, Map.of("COMMAND_PORT", String.valueOf(commandPort)), command);
        int queryPort = freePort();
        String query = "http://localhost:" + queryPort;
        start("query-service", database, Map.of("QUERY_PORT", String.valueOf(queryPort)), query);

        String body = """
                {"id": "org-compose", "orgNumber": "556036-0793", "name": "Compose AB", "country": "SE", "category": "COMPANY"}""";
        assertThat(send("POST", command + "/api/organisations", body).statusCode()).isEqualTo(201);
        body = """
                {"id": "compose", "caseId": "C-1", "name": "Compose project", "programme": "ERUF",
                 "periodStart": "2025-01-01", "periodEnd": "2026-12-31", "beneficiaryOrgNumber": "556036-0793"}""";
        HttpResponse<String> created = send("POST", command + "/api/projects", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpResponse<String> dashboard = await(query + "/api/projects/compose/dashboard", answer -> answer.statusCode() == 200, Duration.ofSeconds(30));
        JsonNode project = JSON.readTree(dashboard.body()).get("project");
        assertThat(project.get("name").asText()).isEqualTo("Compose project");
        assertThat(project.get("beneficiary").get("name").asText()).isEqualTo("Compose AB");

        // the events are in the compose database, where both services put them
        try (Connection connection = composeDatabase.getDatabase("samverkan", "samverkan").getConnection();
             Statement sql = connection.createStatement()) {
            var rows = sql.executeQuery("SELECT count(*) FROM public.domain_event_entry WHERE aggregate_identifier IN ('org-compose', 'compose')");
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(2);
        }
        assertThat(send("GET", command + "/actuator/prometheus", null).body()).contains("samverkan_commands_seconds_count{");
        // docker-compose's health checks (bash only, the image has no curl) pass on the running services, fail on nothing
        assertThat(composeHealthCheck("command-service", 8081, commandPort)).isZero();
        assertThat(composeHealthCheck("query-service", 8082, queryPort)).isZero();
        assertThat(composeHealthCheck("query-service", 8082, freePort())).isNotZero();
        assertThat(send("GET", query + "/actuator/prometheus", null).body()).contains("samverkan_processor_lag_events{");
    }

    /** Starts a service the way its image does: the Dockerfile's CMD, the jar where the image keeps it. */
    private void start(String service, Map<String, String> database, Map<String, String> port, String baseUrl) throws Exception {
        Path jar = Path.of("..", service, "target", service + "-exec.jar").toAbsolutePath().normalize();
        assertThat(jar).as("built by `package`, which runs before the integration tests").exists();
        List<String> commandLine = new ArrayList<>(dockerCmd(Path.of("..", service, "Dockerfile")));
        assertThat(commandLine).as("the Dockerfile's CMD").startsWith("java").contains("-jar", "/app/" + service + ".jar");
        commandLine.replaceAll(part -> part.equals("/app/" + service + ".jar") ? jar.toString() : part);
        commandLine.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());

        Path workDir = Files.createTempDirectory("samverkan-" + service + "-");
        Path log = workDir.resolve(service + ".log");
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SAMVERKAN_") || name.endsWith("_PORT"));
        builder.environment().putAll(database);
        builder.environment().putAll(port);
        Process process = builder.start();
        processes.add(process);

        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError(service + " exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (healthy(baseUrl)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(service + " did not become healthy within 2 minutes:\n" + tail(log));
            }
            Thread.sleep(250);
        }
    }

    /** Runs the service's health check of docker-compose.yml here, pointed at {@code port}; its exit code. */
    @SuppressWarnings("unchecked")
    private static int composeHealthCheck(String service, int composePort, int port) throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("..", "docker-compose.yml")));
        Map<String, Object> healthcheck = (Map<String, Object>) ((Map<String, Map<String, Object>>) compose.get("services"))
                .get(service).get("healthcheck");
        List<String> test = new ArrayList<>((List<String>) healthcheck.get("test"));
        assertThat(test.subList(0, 3)).containsExactly("CMD", "bash", "-c");
        String script = test.get(3);
        assertThat(script).contains("/" + composePort + " ");
        Process check = new ProcessBuilder("bash", "-c", script.replace("/" + composePort + " ", "/" + port + " "))
                .redirectErrorStream(true).start();
        check.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(check.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return check.exitValue();
    }

    static List<String> dockerCmd(Path dockerfile) throws IOException {
        Matcher cmd = CMD.matcher(Files.readString(dockerfile));
        assertThat(cmd.find()).as("an exec-form CMD in " + dockerfile).isTrue();
        List<String> parts = new ArrayList<>();
        JSON.readTree(cmd.group(1)).forEach(part -> parts.add(part.asText()));
        return parts;
    }

    private boolean healthy(String baseUrl) {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> await(String url, Predicate<HttpResponse<String>> condition, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> answer;
        do {
            answer = send("GET", url, null);
            if (condition.test(answer)) {
                return answer;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no satisfying answer from " + url + ": " + answer.statusCode() + " " + answer.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
