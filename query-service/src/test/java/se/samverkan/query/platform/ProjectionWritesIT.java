package se.samverkan.query.platform;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.ProjectionDatabase;

import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes noted during a processor's batch are sent grouped per table at its end; the result must be the one of
 * sending them one by one, in order: a row updated after it was inserted keeps the update, even though inserts of
 * other tables noted in between are sent together.
 */
class ProjectionWritesIT {

    private static final String CHANGE = "INSERT INTO recent_change (event_index, project_id, occurred_at, event_type, summary)"
            + " VALUES (?, 'p', ?, 'MeetingHeld', ?) ON CONFLICT (event_index) DO UPDATE SET summary = EXCLUDED.summary";
    private static final String ENGAGEMENT = "INSERT INTO engagement (event_index, org_number, project_id, engaged_on, event_type, aggregate_id)"
            + " VALUES (?, ?, 'p', DATE '2024-01-01', 'MeetingHeld', 'a') ON CONFLICT (event_index, org_number) DO NOTHING";

    private static ProjectionDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = ProjectionDatabase.create();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void writesInterleavedOverTablesEndAsIfSentOneByOne() {
        ProjectionWrites writes = database.writes();
        Timestamp now = Timestamp.from(Instant.now());
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        writes.update(CHANGE, 1L, now, "first");
        writes.update(ENGAGEMENT, 1L, "556036-0793");
        writes.update("UPDATE recent_change SET summary = ? WHERE event_index = ?", "updated", 1L);
        writes.update(CHANGE, 2L, now, "second");
        writes.update(ENGAGEMENT, 2L, "556036-0793");
        writes.update(CHANGE, 1L, now, "replayed");
        writes.update("DELETE FROM engagement WHERE event_index = ?", 1L);
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM recent_change", Long.class))
                .as("nothing is sent before the batch commits").isZero();
        batch.commit();

        assertThat(database.jdbc().queryForList("SELECT event_index || ' ' || summary FROM recent_change ORDER BY event_index",
                String.class)).containsExactly("1 replayed", "2 second");
        assertThat(database.jdbc().queryForList("SELECT event_index FROM engagement", Long.class)).containsExactly(2L);
    }

    @Test
    void aStatementThatDoesNotNameItsOneTableIsRefused() {
        assertThat(ProjectionWrites.tableOf("INSERT INTO recent_change (event_index) VALUES (?)")).isEqualTo("recent_change");
        assertThat(ProjectionWrites.tableOf("\n  update Pilot SET status = ?")).isEqualTo("pilot");
        assertThat(ProjectionWrites.tableOf("DELETE FROM engagement WHERE x = ?")).isEqualTo("engagement");
        assertThatThrownBy(() -> ProjectionWrites.tableOf("WITH x AS (SELECT 1) INSERT INTO pilot VALUES (1)"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
