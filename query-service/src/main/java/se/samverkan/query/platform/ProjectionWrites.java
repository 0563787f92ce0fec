package se.samverkan.query.platform;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The projections' writes, sent to PostgreSQL as JDBC batches at the end of the processor's batch instead of one
 * statement (and one round trip) per event. Inside an event processor's unit of work a write is only noted; when the
 * unit of work prepares its commit, the noted writes run as one {@code batchUpdate} per run of writes with the same
 * SQL: one round trip for the run. Every read model runs in one processor, so one event's writes go to several
 * tables in turn (a recent change, engagements, an activity); runs are therefore kept per table: a write joins the
 * last run of its table if that run has the same SQL, else starts a new one. Writes to one table keep their order,
 * and writes to different tables are independent (the read models have no foreign keys, no triggers, and every
 * statement here names one table and reads no other), so the result is the same as one by one. (Not the driver's
 * {@code reWriteBatchedInserts}: a multi-row {@code INSERT ... ON CONFLICT DO UPDATE} fails when two of its rows have
 * the same key, as two outcomes of one year in one batch would.) They commit in the same transaction as the
 * processor's token, as before.
 *
 * <p>A write that fails there cannot be pinned on one event. So the batch fails as a whole and is rolled back, the
 * processor retries it, and {@link SavepointPerEventHandler} is made careful: while it is, writes run at once, each
 * in its handler's savepoint, so the failing event is parked alone in the dead-letter queue as before.
 *
 * <p>Handlers that read their own tables must not use this for writes that such a read would have to see within
 * the same batch; none of the projections that use it reads while handling events. Statements must name their one
 * table as {@code INSERT INTO t}, {@code UPDATE t} or {@code DELETE FROM t} (anything else is refused).
 */
@Component
public class ProjectionWrites {

    private static final String PENDING = ProjectionWrites.class.getName() + ".pending";
    private static final Pattern ONE_TABLE = Pattern.compile(
            "\\s*(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+([A-Za-z_][A-Za-z0-9_.]*)\\s", Pattern.CASE_INSENSITIVE);

    private final JdbcTemplate jdbc;
    private final SavepointPerEventHandler savepoints;

    public ProjectionWrites(JdbcTemplate jdbc, SavepointPerEventHandler savepoints) {
        this.jdbc = jdbc;
        this.savepoints = savepoints;
    }

    /** {@code jdbc.update(sql, args)}, at the end of the current processor batch (or at once outside of one). */
    public void update(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted() || savepoints.careful()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Pending pending = batch.getOrComputeResource(PENDING, key -> {
            Pending created = new Pending();
            batch.onPrepareCommit(committing -> flush(created));
            return created;
        });
        pending.add(sql, args);
    }

    private void flush(Pending pending) {
        try {
            for (Run run : pending.runs) {
                if (run.rows.size() == 1) {
                    jdbc.update(run.sql, run.rows.get(0));
                } else {
                    jdbc.batchUpdate(run.sql, run.rows);
                }
            }
        } catch (RuntimeException e) {
            savepoints.beCareful();
            throw e;
        }
    }

    /** The one table a statement writes: {@code INSERT INTO t}, {@code UPDATE t}, {@code DELETE FROM t}. */
    static String tableOf(String sql) {
        Matcher statement = ONE_TABLE.matcher(sql);
        if (!statement.lookingAt()) {
            throw new IllegalArgumentException("ProjectionWrites takes INSERT INTO, UPDATE or DELETE FROM one table, not: " + sql);
        }
        return statement.group(1).toLowerCase(Locale.ROOT);
    }

    /** Writes to one table with the same SQL, in their order. */
    private record Run(String sql, List<Object[]> rows) {
    }

    private static final class Pending {
        /** Every run, in the order each was started (the order in which they are sent). */
        final List<Run> runs = new ArrayList<>();
        /** The last run of each table. */
        final Map<String, Run> lastOfTable = new HashMap<>();

        void add(String sql, Object[] args) {
            String table = tableOf(sql);
            Run last = lastOfTable.get(table);
            if (last == null || !last.sql.equals(sql)) {
                last = new Run(sql, new ArrayList<>());
                runs.add(last);
                lastOfTable.put(table, last);
            }
            last.rows.add(args);
        }
    }
}
