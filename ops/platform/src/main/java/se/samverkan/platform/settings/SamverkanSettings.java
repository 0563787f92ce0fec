package se.samverkan.platform.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings of DESIGN.md that both services read, bound from the SAMVERKAN_* environment variables in each
 * service's yml. {@code databaseWait}: how long the query service waits for the command service's embedded database.
 */
@ConfigurationProperties("samverkan")
public record SamverkanSettings(Path dataDir, String adminToken, Database db, Duration databaseWait) {

    public record Database(String url, String user, String password) {
        public boolean isExternal() {
            return url != null && !url.isBlank();
        }
    }

    public SamverkanSettings {
        dataDir = dataDir == null ? Path.of(".samverkan") : dataDir;
        db = db == null ? new Database(null, null, null) : db;
        databaseWait = databaseWait == null ? Duration.ofSeconds(60) : databaseWait;
    }

    public boolean hasAdminToken() {
        return adminToken != null && !adminToken.isBlank();
    }
}
