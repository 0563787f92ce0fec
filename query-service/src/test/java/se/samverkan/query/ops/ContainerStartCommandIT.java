package se.samverkan.query.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import se.samverkan.query.support.ServiceProcesses;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

    private final ServiceProcesses services = new ServiceProcesses();

    @AfterEach
    void stopEverything() throws Exception {
        try {
            services.stopGracefully(); // SIGTERM, as docker stop does
        } finally {
            services.close();
        }
    }

    @Test
    void theImagesStartCommandsRunBothServicesAgainstAnExternalPostgresql() throws Exception {
        Map<String, String> database = services.startDatabase(ADMIN_TOKEN);

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
        try (Connection connection = services.connect();
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
        Path jar = ServiceProcesses.jar(service);
        List<String> commandLine = new ArrayList<>(dockerCmd(Path.of("..", service, "Dockerfile")));
        assertThat(commandLine).as("the Dockerfile's CMD").startsWith("java").contains("-jar", "/app/" + service + ".jar");
        commandLine.replaceAll(part -> part.equals("/app/" + service + ".jar") ? jar.toString() : part);
        commandLine.set(0, ServiceProcesses.javaExecutable());
        Map<String, String> environment = new HashMap<>(database);
        environment.putAll(port);
        ServiceProcesses.awaitHealthy(services.launch(service, commandLine, environment, baseUrl), Duration.ofMinutes(2));
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

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return ServiceProcesses.send(method, url, ADMIN_TOKEN, body);
    }

    private HttpResponse<String> await(String url, Predicate<HttpResponse<String>> condition, Duration timeout) throws Exception {
        return ServiceProcesses.await(url, ADMIN_TOKEN, condition, timeout);
    }

    private static int freePort() throws IOException {
        return ServiceProcesses.freePort();
    }
}
