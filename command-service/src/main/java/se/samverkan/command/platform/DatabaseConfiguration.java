package se.samverkan.command.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samverkan.platform.database.DatabaseLocation;
import se.samverkan.platform.database.DatabaseOutage;
import se.samverkan.platform.eventstore.EventStoreSchema;

import javax.sql.DataSource;

/**
 * PostgreSQL: the server named by SAMVERKAN_DB_URL, or else an embedded one whose data lives in
 * SAMVERKAN_DATA_DIR. Migrations: the shared event-store tables first, then this service's own.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    /** The database this service uses; it owns (and stops) the embedded server when there is one. */
    public static final class PostgresDatabase implements AutoCloseable {
        private final DatabaseLocation location;
        private final EmbeddedPostgresServer embedded;

        PostgresDatabase(DatabaseLocation location, EmbeddedPostgresServer embedded) {
            this.location = location;
            this.embedded = embedded;
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
    }

    @Bean(destroyMethod = "close")
    public PostgresDatabase postgresDatabase(SamverkanSettings settings) {
        if (settings.db().isExternal()) {
            return new PostgresDatabase(new DatabaseLocation(settings.db().url(), settings.db().user(), settings.db().password()), null);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings.dataDir());
        return new PostgresDatabase(server.location(), server);
    }

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(PostgresDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("samverkan-command");
        config.setJdbcUrl(database.location().jdbcUrl());
        config.setUsername(database.location().user());
        config.setPassword(database.location().password());
        config.setMaximumPoolSize(20);
        // an unavailable database is noticed within seconds (503 and health DOWN), not after Hikari's default 30 s
        config.setConnectionTimeout(DatabaseOutage.CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(DatabaseOutage.VALIDATION_TIMEOUT.toMillis());
        // this service's tables are in the schema "command"; the shared event store is in "public"
        config.setConnectionInitSql(EventStoreSchema.searchPathFor("command"));
        return new HikariDataSource(config);
    }

    @Bean
    public FlywayMigrationStrategy migrateEventStoreFirst(DataSource dataSource) {
        return flyway -> {
            EventStoreSchema.migrate(dataSource);
            flyway.migrate();
        };
    }
}
