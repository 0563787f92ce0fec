package se.samverkan.query.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/** The settings of DESIGN.md that the query service uses, bound in application.yml. */
@ConfigurationProperties("samverkan")
public record QuerySettings(Path dataDir, String adminToken, Database db, Duration databaseWait) {

    public record Database(String url, String user, String password) {
        public boolean isExternal() {
            return url != null && !url.isBlank();
        }
    }

    public QuerySettings {
        dataDir = dataDir == null ? Path.of(".samverkan") : dataDir;
        db = db == null ? new Database(null, null, null) : db;
        databaseWait = databaseWait == null ? Duration.ofSeconds(60) : databaseWait;
    }
}
