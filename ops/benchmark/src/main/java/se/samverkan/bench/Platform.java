package se.samverkan.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The two services as separate processes on one data folder, as ops/run starts them: the command service
 * (which starts the embedded PostgreSQL in SAMVERKAN_DATA_DIR) and then the query service.
 */
final class Platform implements AutoCloseable {

    private final Path root;
    private final Path dataDir;
    private final String adminToken;
    private final int commandPort;
    private final int queryPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process command;
    private Process query;
    private int starts;
    private final Path commandRecording;

    /** With a {@code commandRecording} file, the command JVM runs under Java Flight Recorder and dumps there on exit. */
    Platform(Path root, Path dataDir, String adminToken, Path commandRecording) {
        this.root = root;
        this.commandRecording = commandRecording;
        this.dataDir = dataDir;
        this.adminToken = adminToken;
        this.commandPort = freePort();
        this.queryPort = freePort();
    }

    String commandUrl() {
        return "http://127.0.0.1:" + commandPort;
    }

    String queryUrl() {
        return "http://127.0.0.1:" + queryPort;
    }

    /** Starts both and answers the seconds until each was healthy: {command, query}, counted from its own start. */
    double[] start() throws InterruptedException {
        starts++;
        long t0 = System.nanoTime();
        command = launch("command-service/target/command-service-exec.jar", "command-service-" + starts + ".log",
                commandRecording);
        waitHealthy("command service", command, commandUrl());
        double commandReady = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        query = launch("query-service/target/query-service-exec.jar", "query-service-" + starts + ".log", null);
        waitHealthy("query service", query, queryUrl());
        double queryReady = (System.nanoTime() - t1) / 1e9;
        return new double[]{commandReady, queryReady};
    }

    /** SIGTERM to the query service, then to the command service (which stops its PostgreSQL), as ops/run does. */
    void stop() {
        for (Process process : new Process[]{query, command}) {
            if (process == null || !process.isAlive()) {
                continue;
            }
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM to the query service alone: the command service and PostgreSQL go on. */
    void stopQueryService() throws InterruptedException {
        query.destroy();
        if (!query.waitFor(60, TimeUnit.SECONDS)) {
            query.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    boolean queryRunning() {
        return query != null && query.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    long commandPid() {
        return command.pid();
    }

    long queryPid() {
        return query.pid();
    }

    /** The postmaster's pid, from the embedded server's postmaster.pid. */
    long postgresPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid in " + dataDir.resolve("postgres"), e);
        }
    }

    /** JDBC URL, user and password of the embedded PostgreSQL, as the command service wrote them for the query service. */
    Properties databaseLocation() {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(dataDir.resolve("database.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("the command service wrote no database.properties in " + dataDir, e);
        }
        return properties;
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    /**
     * Without a limit the JVM takes up to a quarter of the machine's memory for its heap, and the query service
     * grew to 1.6 GiB resident during a rebuild of 1 M events (issue 12) although it needs far less; the limit
     * recommended for every start of the services (ops/run, docker-compose).
     */
    static final String HEAP_LIMIT = "-Xmx256m";

    private Process launch(String jar, String log, Path recording) {
        Path jarPath = root.resolve(jar);
        if (!Files.isRegularFile(jarPath)) {
            throw new IllegalStateException(jarPath + " is missing: build with ./mvnw -DskipTests package (ops/bench does)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> commandLine = new ArrayList<>(List.of(java, HEAP_LIMIT));
        if (recording != null) {
            commandLine.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
        }
        commandLine.addAll(List.of("-jar", jarPath.toString()));
        ProcessBuilder builder = new ProcessBuilder(commandLine);
        Map<String, String> env = builder.environment();
        env.put("SAMVERKAN_DATA_DIR", dataDir.toString());
        env.put("SAMVERKAN_ADMIN_TOKEN", adminToken);
        env.put("COMMAND_PORT", Integer.toString(commandPort));
        env.put("QUERY_PORT", Integer.toString(queryPort));
        // the bench measures the embedded database the services start themselves
        env.remove("SAMVERKAN_DB_URL");
        env.remove("SAMVERKAN_DB_USER");
        env.remove("SAMVERKAN_DB_PASSWORD");
        try {
            Files.createDirectories(logDir());
            builder.redirectErrorStream(true).redirectOutput(logDir().resolve(log).toFile());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jarPath, e);
        }
    }

    /** A start on a machine shared with other builds has taken more than three minutes. */
    private static final long START_MINUTES = 6;

    private void waitHealthy(String name, Process process, String url) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(START_MINUTES);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/actuator/health")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the " + name + " stopped while starting; see its log in " + logDir());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the " + name + " was not healthy within " + START_MINUTES + " minutes; see its log in " + logDir());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
