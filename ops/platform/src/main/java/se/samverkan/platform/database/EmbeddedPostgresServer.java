package se.samverkan.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.samverkan.platform.database.DatabaseLocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL started from the data folder. Its data survives restarts; it prefers the port it
 * had last time so that a running query service keeps its connection details.
 *
 * <p>It is durable like any production PostgreSQL: zonky's builder is made for throw-away test databases and
 * turns {@code fsync} (its {@code -F} flag) and {@code synchronous_commit} off, so {@link #DURABILITY} sets them
 * back on explicitly. A command is acknowledged only once its events are on disk.
 *
 * <p>A watchdog checks every {@link #WATCH_INTERVAL} that the postmaster is still there; when it died (kill -9,
 * OOM killer) it is started again on the same data folder and port, so that both services' connection pools
 * recover by themselves. PostgreSQL's own crash recovery replays the write-ahead log.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** Server settings that make an acknowledged commit survive a crash of PostgreSQL or of the machine. */
    public static final Map<String, String> DURABILITY = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    /** How long a left-over postmaster gets for a fast shutdown before it is told to quit at once. */
    private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final Path pgData;
    private final int port;
    private final DatabaseLocation location;
    private final ScheduledExecutorService watchdog;
    private volatile EmbeddedPostgres postgres;
    private volatile boolean closed;
    /** Watchdog rounds in a row that found no postmaster. Watchdog thread only. */
    private int missedChecks;

    private EmbeddedPostgresServer(Path pgData, int port, EmbeddedPostgres postgres, DatabaseLocation location) {
        this.pgData = pgData;
        this.port = port;
        this.postgres = postgres;
        this.location = location;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-postgres-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::restartIfGone, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public static EmbeddedPostgresServer start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        try {
            Files.createDirectories(pgData);
            stopLeftOverServer(pgData);
            int port = DatabaseLocation.readFrom(dataDir)
                    .map(EmbeddedPostgresServer::portOf)
                    .filter(EmbeddedPostgresServer::isFree)
                    .orElseGet(EmbeddedPostgresServer::freePort);
            log.info("Starting embedded PostgreSQL on port {} with data in {}", port, pgData);
            EmbeddedPostgres postgres = launch(pgData, port);
            DatabaseLocation location = new DatabaseLocation(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
            location.writeTo(dataDir);
            return new EmbeddedPostgresServer(pgData, port, postgres, location);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL in " + pgData + " did not start", e);
        }
    }

    private static EmbeddedPostgres launch(Path pgData, int port) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>(DURABILITY);
        settings.put("max_connections", "200");
        // TCP only: a killed postmaster's socket lock in /tmp would otherwise block its restart on the same port
        settings.put("unix_socket_directories", "");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60));
        settings.forEach(builder::setServerConfig);
        return builder.start();
    }

    public DatabaseLocation location() {
        return location;
    }

    /** The process id of the running postmaster, if one runs on this data folder. */
    public OptionalLong postmasterPid() {
        return runningPostmaster(pgData);
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        watchdog.shutdownNow();
        log.info("Stopping embedded PostgreSQL");
        postgres.close();
    }

    /** The watchdog's round: a postmaster that died is started again on the same folder and port. */
    synchronized void restartIfGone() {
        if (closed) {
            return;
        }
        if (runningPostmaster(pgData).isPresent()) {
            missedChecks = 0;
            return;
        }
        // two rounds in a row: a pid file read at the moment PostgreSQL rewrites it must not stop a live server
        if (++missedChecks < 2) {
            return;
        }
        missedChecks = 0;
        log.error("The embedded PostgreSQL (data in {}) is gone; starting it again on port {}", pgData, port);
        try {
            // without its pid file, zonky's close finds nothing to stop at once; it releases zonky's lock on the folder
            removeStalePidFile(pgData);
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the dead embedded PostgreSQL", e);
        }
        try {
            postgres = launch(pgData, port);
            log.warn("The embedded PostgreSQL runs again on port {} (crash recovery done)", port);
        } catch (IOException | RuntimeException e) {
            // e.g. backends of the dead server still attached to its shared memory; the next round tries again
            log.warn("The embedded PostgreSQL did not start again yet: {}", e.toString());
        }
    }

    /**
     * A command service killed without a chance to stop its PostgreSQL leaves the server running, maybe with the
     * query service still connected. A smart shutdown (SIGTERM) would wait for those clients; a fast shutdown
     * (SIGINT) disconnects them, rolls back what is open and writes a checkpoint.
     */
    private static void stopLeftOverServer(Path pgData) throws IOException {
        OptionalLong pid = runningPostmaster(pgData);
        if (pid.isPresent()) {
            log.warn("Stopping a PostgreSQL (pid {}) left running on {} by an earlier run (fast shutdown)", pid.getAsLong(), pgData);
            signal(pid.getAsLong(), "INT");
            if (!awaitGone(pgData, FAST_SHUTDOWN_WAIT)) {
                log.warn("PostgreSQL (pid {}) did not stop within {}; telling it to quit at once", pid.getAsLong(), FAST_SHUTDOWN_WAIT);
                signal(pid.getAsLong(), "QUIT");
                if (!awaitGone(pgData, FAST_SHUTDOWN_WAIT)) {
                    throw new IOException("the PostgreSQL left running on " + pgData + " (pid " + pid.getAsLong() + ") does not stop");
                }
            }
        }
        removeStalePidFile(pgData);
    }

    private static boolean awaitGone(Path pgData, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (runningPostmaster(pgData).isPresent()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * The pid in postmaster.pid when that process is a live postgres. A killed postmaster whose parent does not
     * reap it stays a zombie: it counts as gone (PostgreSQL itself would take it for alive and refuse to start,
     * hence {@link #removeStalePidFile}).
     */
    static OptionalLong runningPostmaster(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        try {
            List<String> lines = Files.isRegularFile(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return OptionalLong.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            boolean running = process.isPresent() && process.get().isAlive() && !isZombie(pid)
                    && process.get().info().command().map(c -> c.endsWith("postgres")).orElse(true);
            return running ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            // being written or removed at this moment
            return OptionalLong.empty();
        }
    }

    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String line = Files.readString(stat);
            String state = line.substring(line.lastIndexOf(')') + 1).trim();
            return state.startsWith("Z") || state.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return false; // no /proc (macOS): trust ProcessHandle
        }
    }

    private static void removeStalePidFile(Path pgData) throws IOException {
        if (runningPostmaster(pgData).isEmpty() && Files.deleteIfExists(pgData.resolve("postmaster.pid"))) {
            log.info("Removed the stale postmaster.pid of a PostgreSQL that is no longer running");
        }
    }

    private static void signal(long pid, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        }
    }

    private static int portOf(DatabaseLocation location) {
        String url = location.jdbcUrl();
        String afterHost = url.substring(url.indexOf("//") + 2);
        String port = afterHost.substring(afterHost.indexOf(':') + 1, afterHost.indexOf('/'));
        return Integer.parseInt(port);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // as PostgreSQL binds: connections of the server stopped a moment ago may still linger in TIME_WAIT
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
