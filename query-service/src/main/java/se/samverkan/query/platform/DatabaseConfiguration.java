package se.samverkan.query.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samverkan.platform.database.PostgresDatabase;
import se.samverkan.platform.settings.SamverkanSettings;

/**
 * The query service uses the command service's database: SAMVERKAN_DB_URL when set, otherwise the
 * embedded PostgreSQL that the command service started for the same SAMVERKAN_DATA_DIR. This service's tables
 * are in the schema "query". The pool and the migrations come from the platform module.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    public PostgresDatabase postgresDatabase(SamverkanSettings settings) {
        return PostgresDatabase.joiningEmbedded("query", settings);
    }
}
