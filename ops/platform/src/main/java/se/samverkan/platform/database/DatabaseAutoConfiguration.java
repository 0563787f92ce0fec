package se.samverkan.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import se.samverkan.platform.eventstore.EventStoreSchema;

import javax.sql.DataSource;

/**
 * The connection pool to the service's {@link PostgresDatabase} and the migrations: the shared event-store tables
 * first (whichever service starts first creates them), then the service's own (spring.flyway.* in its yml).
 * Before Spring Boot's DataSource and Flyway configurations, which then use these.
 */
@AutoConfiguration(before = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
@ConditionalOnBean(PostgresDatabase.class)
public class DatabaseAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(DataSource.class)
    public HikariDataSource dataSource(PostgresDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("samverkan-" + database.schema());
        config.setJdbcUrl(database.location().jdbcUrl());
        config.setUsername(database.location().user());
        config.setPassword(database.location().password());
        config.setMaximumPoolSize(20);
        // an unavailable database is noticed within seconds (503 and health DOWN), not after Hikari's default 30 s
        config.setConnectionTimeout(DatabaseOutage.CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(DatabaseOutage.VALIDATION_TIMEOUT.toMillis());
        // the service's own tables are in its schema; the shared event store is in "public"
        config.setConnectionInitSql(EventStoreSchema.searchPathFor(database.schema()));
        return new HikariDataSource(config);
    }

    /** The shared event-store tables exist before anything reads them, whichever service starts first. */
    @Bean
    @ConditionalOnMissingBean
    public FlywayMigrationStrategy migrateEventStoreFirst(DataSource dataSource) {
        return flyway -> {
            EventStoreSchema.migrate(dataSource);
            flyway.migrate();
        };
    }
}
