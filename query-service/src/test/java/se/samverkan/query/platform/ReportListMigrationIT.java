package se.samverkan.query.platform;

import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.ProjectionDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An existing database upgraded with the reports list read model (V10): its processing group joins the read-models
 * processor, which must replay the whole store once to fill it, so that processor's token goes and the read models
 * it fills are emptied; access tokens stay (issued tokens keep working meanwhile), and so does the webhook outbox's
 * position (it must not send history again).
 */
class ReportListMigrationIT {

    @Test
    void anUpgradedDatabaseReplaysTheReadModelsOnceIntoEmptyTables() {
        try (ProjectionDatabase database = ProjectionDatabase.createUpTo(MigrationVersion.fromVersion("9"))) {
            var jdbc = database.jdbc();
            jdbc.update("INSERT INTO organisation (org_number, organisation_id, name, country, category)"
                    + " VALUES ('556036-0793', 'org-1', 'Example AB', 'SE', 'COMPANY')");
            jdbc.update("INSERT INTO recent_change (event_index, project_id, occurred_at, event_type, summary)"
                    + " VALUES (7, 'siv', now(), 'MeetingHeld', 'Meeting held')");
            jdbc.update("INSERT INTO access_token (token_id, name, role, projects, token_hash)"
                    + " VALUES ('t-1', 'reader', 'PARTNER', '{siv}', ?)", "a".repeat(64));
            for (String processor : new String[]{"read-models", "webhook-outbox"}) {
                jdbc.update("INSERT INTO token_entry (processor_name, segment) VALUES (?, 0)", processor);
            }

            database.migrate();

            assertThat(jdbc.queryForObject("SELECT count(*) FROM report_list", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM organisation", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM recent_change", Long.class)).isZero();
            assertThat(jdbc.queryForList("SELECT token_id FROM access_token", String.class)).containsExactly("t-1");
            assertThat(jdbc.queryForList("SELECT processor_name FROM token_entry", String.class))
                    .containsExactly("webhook-outbox");
        }
    }
}
