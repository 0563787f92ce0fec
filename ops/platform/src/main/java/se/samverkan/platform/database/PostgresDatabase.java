package se.samverkan.platform.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.samverkan.platform.settings.SamverkanSettings;

import java.time.Instant;
import java.util.Optional;

/**
 * The PostgreSQL a service uses and the schema of its own tables (the event store is in public). SAMVERKAN_DB_URL
 * names an external server; without it the command service starts the embedded one of SAMVERKAN_DATA_DIR (and
 * stops it on close) and the query service connects to that one. Each service declares its choice as a bean.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);

    private final String schema;
    private final DatabaseLocation location;
    private final EmbeddedPostgresServer embedded;

    private PostgresDatabase(String schema, DatabaseLocation location, EmbeddedPostgresServer embedded) {
        this.schema = schema;
        this.location = location;
        this.embedded = embedded;
    }

    /** The external server, else the embedded server of the data folder, started here and stopped on close. */
    public static PostgresDatabase startingEmbedded(String schema, SamverkanSettings settings) {
        if (settings.db().isExternal()) {
            return external(schema, settings);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings.dataDir());
        return new PostgresDatabase(schema, server.location(), server);
    }

    /** The external server, else the embedded server another process started for the data folder (waits for it). */
    public static PostgresDatabase joiningEmbedded(String schema, SamverkanSettings settings) {
        if (settings.db().isExternal()) {
            return external(schema, settings);
        }
        return new PostgresDatabase(schema, awaitEmbedded(settings), null);
    }

    private static PostgresDatabase external(String schema, SamverkanSettings settings) {
        return new PostgresDatabase(schema, new DatabaseLocation(settings.db().url(), settings.db().user(),
                settings.db().password()), null);
    }

    public String schema() {
        return schema;
    }

    public DatabaseLocation location() {
        return location;
    }

    @Override
    public void close() throws Exception {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static DatabaseLocation awaitEmbedded(SamverkanSettings settings) {
        Instant deadline = Instant.now().plus(settings.databaseWait());
        boolean said = false;
        while (true) {
            Optional<DatabaseLocation> location = DatabaseLocation.readFrom(settings.dataDir());
            if (location.isPresent()) {
                return location.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("No database: SAMVERKAN_DB_URL is not set and no embedded PostgreSQL is"
                        + " running for " + DatabaseLocation.fileIn(settings.dataDir()).toAbsolutePath()
                        + ". Start the command service first (ops/run does both), or set SAMVERKAN_DB_URL.");
            }
            if (!said) {
                log.info("Waiting for the command service to start the embedded PostgreSQL in {}", settings.dataDir());
                said = true;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
