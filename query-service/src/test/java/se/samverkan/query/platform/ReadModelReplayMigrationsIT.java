package se.samverkan.query.platform;

import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.query.support.ProjectionDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations after which the read-models processor replays the whole store once (V9: one processor for every read
 * model; V10: the report list joins it): the read models it fills must be empty and its old tokens gone; access
 * tokens stay (their replay is idempotent, and issued tokens must keep working meanwhile), and so does the webhook
 * outbox's position (it must not send history again).
 */
class ReadModelReplayMigrationsIT {

    @Test
    void anUpgradeToOneReadModelProcessorReplaysOnceIntoEmptyReadModels() {
        assertReplayedOnceAfterUpgrading("8", "organisations", "recent-changes", "security", "webhook-outbox");
    }

    @Test
    void anUpgradeWithTheReportListReplaysOnceIntoEmptyReadModels() {
        assertReplayedOnceAfterUpgrading("9", "read-models", "webhook-outbox");
    }

    private static void assertReplayedOnceAfterUpgrading(String fromVersion, String... processorsWithTokens) {
        try (ProjectionDatabase database = ProjectionDatabase.createUpTo(MigrationVersion.fromVersion(fromVersion))) {
            JdbcTemplate jdbc = database.jdbc();
            jdbc.update("INSERT INTO organisation (org_number, organisation_id, name, country, category)"
                    + " VALUES ('556036-0793', 'org-1', 'Example AB', 'SE', 'COMPANY')");
            jdbc.update("INSERT INTO recent_change (event_index, project_id, occurred_at, event_type, summary)"
                    + " VALUES (7, 'siv', now(), 'MeetingHeld', 'Meeting held')");
            jdbc.update("INSERT INTO access_token (token_id, name, role, projects, token_hash)"
                    + " VALUES ('t-1', 'reader', 'PARTNER', '{siv}', ?)", "a".repeat(64));
            for (String processor : processorsWithTokens) {
                jdbc.update("INSERT INTO token_entry (processor_name, segment) VALUES (?, 0)", processor);
            }

            database.migrate();

            assertThat(jdbc.queryForObject("SELECT count(*) FROM organisation", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM recent_change", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM report_list", Long.class)).isZero();
            assertThat(jdbc.queryForList("SELECT token_id FROM access_token", String.class)).containsExactly("t-1");
            assertThat(jdbc.queryForList("SELECT processor_name FROM token_entry", String.class))
                    .containsExactly("webhook-outbox");
        }
    }
}
