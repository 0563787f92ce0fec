package se.samverkan.query.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samverkan.platform.database.DatabaseLocation;
import se.samverkan.platform.database.DatabaseOutage;
import se.samverkan.platform.eventstore.EventStoreSchema;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Optional;

/**
 * The query service uses the command service's database: SAMVERKAN_DB_URL when set, otherwise the
 * embedded PostgreSQL that the command service started for the same SAMVERKAN_DATA_DIR.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(QuerySettings settings) {
        DatabaseLocation location = settings.db().isExternal()
                ? new DatabaseLocation(settings.db().url(), settings.db().user(), settings.db().password())
                : embeddedLocation(settings);
        HikariConfig config = new HikariConfig();
        config.setPoolName("samverkan-query");
        config.setJdbcUrl(location.jdbcUrl());
        config.setUsername(location.user());
        config.setPassword(location.password());
        config.setMaximumPoolSize(20);
        // an unavailable database is noticed within seconds (503 and health DOWN), not after Hikari's default 30 s
        config.setConnectionTimeout(DatabaseOutage.CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(DatabaseOutage.VALIDATION_TIMEOUT.toMillis());
        // this service's tables are in the schema "query"; the shared event store is in "public"
        config.setConnectionInitSql(EventStoreSchema.searchPathFor("query"));
        return new HikariDataSource(config);
    }

    private static DatabaseLocation embeddedLocation(QuerySettings settings) {
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

    /** The shared event-store tables exist before anything reads them, whichever service starts first. */
    @Bean
    public FlywayMigrationStrategy migrateEventStoreFirst(DataSource dataSource) {
        return flyway -> {
            EventStoreSchema.migrate(dataSource);
            flyway.migrate();
        };
    }
}
