package se.samverkan.command.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samverkan.platform.database.PostgresDatabase;
import se.samverkan.platform.settings.SamverkanSettings;

/**
 * PostgreSQL: the server named by SAMVERKAN_DB_URL, or else an embedded one whose data lives in
 * SAMVERKAN_DATA_DIR, started (and stopped) by this service. This service's tables are in the schema "command".
 * The pool and the migrations (event store first, then db/command) come from the platform module.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    public PostgresDatabase postgresDatabase(SamverkanSettings settings) {
        return PostgresDatabase.startingEmbedded("command", settings);
    }
}
