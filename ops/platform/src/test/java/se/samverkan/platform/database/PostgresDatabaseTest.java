package se.samverkan.platform.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.samverkan.platform.settings.SamverkanSettings;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void anExternalServerWinsOverTheDataFolder() throws Exception {
        new DatabaseLocation("jdbc:postgresql://localhost:1/embedded", "e", "").writeTo(dataDir);
        SamverkanSettings settings = new SamverkanSettings(dataDir, null,
                new SamverkanSettings.Database("jdbc:postgresql://db:5432/samverkan", "svk", "secret"), null);

        try (PostgresDatabase database = PostgresDatabase.joiningEmbedded("query", settings)) {
            assertThat(database.location()).isEqualTo(
                    new DatabaseLocation("jdbc:postgresql://db:5432/samverkan", "svk", "secret"));
            assertThat(database.schema()).isEqualTo("query");
        }
    }

    @Test
    void theQueryServiceJoinsTheEmbeddedServerTheCommandServiceWroteDown() throws Exception {
        DatabaseLocation written = new DatabaseLocation("jdbc:postgresql://localhost:54321/postgres", "postgres", "");
        written.writeTo(dataDir);

        try (PostgresDatabase database = PostgresDatabase.joiningEmbedded("query", settings(Duration.ZERO))) {
            assertThat(database.location()).isEqualTo(written);
        }
    }

    @Test
    void withoutEitherItSaysWhatToDo() {
        assertThatThrownBy(() -> PostgresDatabase.joiningEmbedded("query", settings(Duration.ZERO)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Start the command service first").hasMessageContaining("SAMVERKAN_DB_URL");
    }

    private SamverkanSettings settings(Duration databaseWait) {
        return new SamverkanSettings(dataDir, null, null, databaseWait);
    }
}
