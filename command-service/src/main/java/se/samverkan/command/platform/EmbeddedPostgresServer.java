package se.samverkan.command.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.samverkan.events.store.DatabaseLocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL started from the data folder. Its data survives restarts; it prefers the port it
 * had last time so that a running query service keeps its connection details.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final DatabaseLocation location;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, DatabaseLocation location) {
        this.postgres = postgres;
        this.location = location;
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
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .start();
            DatabaseLocation location = new DatabaseLocation(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
            location.writeTo(dataDir);
            return new EmbeddedPostgresServer(postgres, location);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL in " + pgData + " did not start", e);
        }
    }

    public DatabaseLocation location() {
        return location;
    }

    @Override
    public void close() throws IOException {
        log.info("Stopping embedded PostgreSQL");
        postgres.close();
    }

    /** A command service killed without a chance to stop its PostgreSQL leaves the server running; stop it. */
    private static void stopLeftOverServer(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        if (process.isPresent() && process.get().isAlive()
                && process.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
            log.warn("Stopping a PostgreSQL (pid {}) left running on {} by an earlier run", process.get().pid(), pgData);
            process.get().destroy();
            process.get().onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }

    private static int portOf(DatabaseLocation location) {
        String url = location.jdbcUrl();
        String afterHost = url.substring(url.indexOf("//") + 2);
        String port = afterHost.substring(afterHost.indexOf(':') + 1, afterHost.indexOf('/'));
        return Integer.parseInt(port);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
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
