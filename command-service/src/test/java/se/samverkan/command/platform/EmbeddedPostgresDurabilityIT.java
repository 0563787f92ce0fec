package se.samverkan.command.platform;

import org.junit.jupiter.api.Test;
import se.samverkan.platform.database.DatabaseLocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import se.samverkan.platform.database.EmbeddedPostgresServer;

/**
 * The embedded PostgreSQL as the command service (and so ops/run) starts it: durable, and brought back by its
 * watchdog when the postmaster is killed, with every committed row still there.
 */
class EmbeddedPostgresDurabilityIT {

    @Test
    void theEmbeddedServerFsyncsAndCommitsSynchronously() throws Exception {
        Path dataDir = Files.createTempDirectory("samverkan-durable-");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
             Connection connection = connect(server.location())) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void aKilledPostmasterIsStartedAgainOnTheSameFolderAndPortWithItsCommittedData() throws Exception {
        Path dataDir = Files.createTempDirectory("samverkan-watchdog-");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            DatabaseLocation location = server.location();
            try (Connection connection = connect(location); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE acknowledged (id int PRIMARY KEY)");
                sql.execute("INSERT INTO acknowledged SELECT generate_series(1, 1000)");
            }
            long killed = server.postmasterPid().orElseThrow();
            new ProcessBuilder("kill", "-9", Long.toString(killed)).inheritIO().start().waitFor();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
                OptionalLong restarted = server.postmasterPid();
                assertThat(restarted).isPresent();
                assertThat(restarted.getAsLong()).isNotEqualTo(killed);
                try (Connection connection = connect(location); Statement sql = connection.createStatement();
                     ResultSet rows = sql.executeQuery("SELECT count(*) FROM acknowledged")) {
                    rows.next();
                    assertThat(rows.getLong(1)).isEqualTo(1000);
                }
            });
            // the same address as before, so the services' pools reconnect by themselves
            assertThat(DatabaseLocation.readFrom(dataDir).orElseThrow()).isEqualTo(location);
        }
    }

    private static Connection connect(DatabaseLocation location) throws SQLException {
        return DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet result = sql.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }
}
