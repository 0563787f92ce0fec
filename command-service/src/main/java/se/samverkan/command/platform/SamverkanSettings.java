package se.samverkan.command.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/** The settings of DESIGN.md, bound from the SAMVERKAN_* environment variables in application.yml. */
@ConfigurationProperties("samverkan")
public record SamverkanSettings(Path dataDir, String adminToken, Database db) {

    public record Database(String url, String user, String password) {
        public boolean isExternal() {
            return url != null && !url.isBlank();
        }
    }

    public SamverkanSettings {
        dataDir = dataDir == null ? Path.of(".samverkan") : dataDir;
        db = db == null ? new Database(null, null, null) : db;
    }

    public boolean hasAdminToken() {
        return adminToken != null && !adminToken.isBlank();
    }
}
