package se.samverkan.query.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import se.samverkan.query.platform.ProjectionWrites;
import se.samverkan.query.platform.SavepointPerEventHandler;
import se.samverkan.platform.database.EmbeddedPostgresServer;
import se.samverkan.platform.database.DatabaseLocation;
import se.samverkan.platform.eventstore.EventStoreSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;

/**
 * A database of its own with the query service's tables, for tests that exercise one projection without starting
 * the services: the embedded PostgreSQL as the command service starts it (durable settings, one server per test JVM),
 * the event store's and the query schema's Flyway migrations as the query service runs them, and nothing else.
 */
public final class ProjectionDatabase implements AutoCloseable {

    private static EmbeddedPostgresServer server;

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;

    private ProjectionDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** A fresh, migrated database; close it when the test class is done. */
    public static ProjectionDatabase create() {
        return createUpTo(MigrationVersion.LATEST);
    }

    /** A fresh database whose query schema is migrated only up to {@code version}, to test a later migration. */
    public static ProjectionDatabase createUpTo(MigrationVersion version) {
        DatabaseLocation admin = server().location();
        String name = "projection_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (HikariDataSource postgres = pool(admin.jdbcUrl(), admin)) {
            new JdbcTemplate(postgres).execute("CREATE DATABASE " + name);
        }
        HikariDataSource dataSource = pool(admin.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + name + "$1"), admin);
        // as the query service's DatabaseConfiguration and query-service.yml migrate
        EventStoreSchema.migrate(dataSource);
        migrateQuerySchema(dataSource, version);
        return new ProjectionDatabase(dataSource);
    }

    /** Runs the query schema's migrations that are still missing, as the query service does when it starts. */
    public void migrate() {
        migrateQuerySchema(dataSource, MigrationVersion.LATEST);
    }

    private static void migrateQuerySchema(HikariDataSource dataSource, MigrationVersion target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/query").table("flyway_query_history")
                .schemas("query").defaultSchema("query").target(target).load().migrate();
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** The same database through Spring's JdbcClient, for projections written against it. */
    /**
     * The projections' write path as the service wires it; outside a processor's unit of work (as when
     * {@link EventFeed} hands events over) each write runs at once.
     */
    public ProjectionWrites writes() {
        return new ProjectionWrites(jdbc, new SavepointPerEventHandler(new DataSourceTransactionManager(dataSource)));
    }

    public JdbcClient jdbcClient() {
        return JdbcClient.create(dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static HikariDataSource pool(String url, DatabaseLocation location) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(location.user());
        config.setPassword(location.password());
        config.setMaximumPoolSize(2);
        // the query service's tables are in the schema "query", the event store in "public"
        config.setConnectionInitSql(EventStoreSchema.searchPathFor("query"));
        return new HikariDataSource(config);
    }

    private static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            try {
                server = EmbeddedPostgresServer.start(Files.createTempDirectory("samverkan-projection-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // the JVM is ending; the temporary folder goes with the machine's clean-up
                }
            }));
        }
        return server;
    }
}
