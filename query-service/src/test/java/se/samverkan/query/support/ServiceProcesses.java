package se.samverkan.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The services as real operating-system processes (their runnable jars, built by {@code package}) against an
 * external PostgreSQL: a separate embedded instance with a database and user as an operator would create them.
 * {@link #close()} kills whatever is still running and stops the database; call it in a finally block.
 */
public final class ServiceProcesses implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A started service: its process, where it answers, and its log. */
    public record Service(String name, Process process, String baseUrl, Path log) {

        /** kill -9: no shutdown hooks, no released claims, as when a machine dies. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " did not die");
            }
        }

        public String tail() {
            return ServiceProcesses.tail(log);
        }
    }

    private final List<Service> services = new ArrayList<>();
    private EmbeddedPostgres database;
    private String databaseUrl;

    /** Starts the external PostgreSQL: database samverkan owned by the user samverkan, as a compose database is. */
    public Map<String, String> startDatabase(String adminToken) throws Exception {
        database = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        try (Connection connection = database.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE ROLE samverkan LOGIN PASSWORD 'compose-secret'");
            sql.execute("CREATE DATABASE samverkan OWNER samverkan");
        }
        databaseUrl = "jdbc:postgresql://localhost:" + database.getPort() + "/samverkan";
        return Map.of(
                "SAMVERKAN_DB_URL", databaseUrl,
                "SAMVERKAN_DB_USER", "samverkan",
                "SAMVERKAN_DB_PASSWORD", "compose-secret",
                "SAMVERKAN_ADMIN_TOKEN", adminToken);
    }

    /** A connection to the services' database, as its owner. */
    public Connection connect() throws Exception {
        return database.getDatabase("samverkan", "samverkan").getConnection();
    }

    /** The service's runnable jar, built by {@code package}, which runs before the integration tests. */
    public static Path jar(String service) {
        Path jar = Path.of("..", service, "target", service + "-exec.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new AssertionError(jar + " is missing: it is built by `package`, which runs before the integration tests");
        }
        return jar;
    }

    /** {@code java -Xmx… -jar <service>-exec.jar} with the environment given (and no inherited SAMVERKAN_ or _PORT variables). */
    public Service startJar(String service, Map<String, String> environment, String portVariable, int port) throws Exception {
        List<String> commandLine = List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar(service).toString());
        Map<String, String> withPort = new java.util.HashMap<>(environment);
        withPort.put(portVariable, String.valueOf(port));
        return launch(service, commandLine, withPort, "http://localhost:" + port);
    }

    /** Starts {@code commandLine} in a fresh directory, its output in a log there; does not wait for it. */
    public Service launch(String name, List<String> commandLine, Map<String, String> environment, String baseUrl) throws IOException {
        Path workDir = Files.createTempDirectory("samverkan-" + name + "-");
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("SAMVERKAN_") || variable.endsWith("_PORT"));
        builder.environment().putAll(environment);
        Service service = new Service(name, builder.start(), baseUrl, log);
        services.add(service);
        return service;
    }

    /** Waits until the service's health endpoint answers 200; fails with its log when it exits or takes too long. */
    public static Service awaitHealthy(Service service, Duration timeout) {
        try {
            Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!service.process().isAlive()) {
                    throw new AssertionError(service.name() + " exited with " + service.process().exitValue() + ":\n" + service.tail());
                }
                return healthy(service.baseUrl());
            });
            return service;
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(service.name() + " did not become healthy within " + timeout + ":\n" + service.tail());
        }
    }

    /** SIGTERM to every process still running, newest first, as {@code docker stop} does; kill -9 after 30 s. */
    public void stopGracefully() throws InterruptedException {
        for (int i = services.size() - 1; i >= 0; i--) {
            Process process = services.get(i).process();
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Kills every process still running and stops the database. */
    @Override
    public void close() throws Exception {
        for (int i = services.size() - 1; i >= 0; i--) {
            Process process = services.get(i).process();
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        if (database != null) {
            database.close();
        }
    }

    public static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> send(String method, String url, String token, Map<String, ?> body) throws Exception {
        return send(method, url, token, JSON.writeValueAsString(body));
    }

    public static JsonNode json(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }

    /** Polls {@code url} with GET until {@code condition} holds; fails with the last answer after {@code timeout}. */
    public static HttpResponse<String> await(String url, String token, Predicate<HttpResponse<String>> condition,
                                             Duration timeout) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        try {
            return Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        last.set(send("GET", url, token, (String) null));
                        return last.get();
                    }, condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no satisfying answer from " + url + " within " + timeout + ": "
                    + (last.get() == null ? "none" : last.get().statusCode() + " " + last.get().body()));
        }
    }

    public static boolean healthy(String baseUrl) {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
