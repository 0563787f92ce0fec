package se.samverkan.query.platform;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The projections' writes, sent to PostgreSQL as JDBC batches at the end of the processor's batch instead of one
 * statement (and one round trip) per event. Inside an event processor's unit of work a write is only noted; when the
 * unit of work prepares its commit, the noted writes run in the order they were noted, each run of consecutive
 * writes with the same SQL as one {@code batchUpdate}: one round trip, the same result as one by one. (Not the
 * driver's {@code reWriteBatchedInserts}: a multi-row {@code INSERT ... ON CONFLICT DO UPDATE} fails when two of its
 * rows have the same key, as two outcomes of one year in one batch would.) They commit in the same transaction as the
 * processor's token, as before.
 *
 * <p>A write that fails there cannot be pinned on one event. So the batch fails as a whole and is rolled back, the
 * processor retries it, and {@link SavepointPerEventHandler} is made careful: while it is, writes run at once, each
 * in its handler's savepoint, so the failing event is parked alone in the dead-letter queue as before.
 *
 * <p>Handlers that read their own tables must not use this for writes that such a read would have to see within
 * the same batch; none of the projections that use it reads while handling events.
 */
@Component
public class ProjectionWrites {

    private static final String PENDING = ProjectionWrites.class.getName() + ".pending";

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

    /** Consecutive writes with the same SQL. */
    private record Run(String sql, List<Object[]> rows) {
    }

    private static final class Pending {
        final List<Run> runs = new ArrayList<>();

        void add(String sql, Object[] args) {
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last == null || !last.sql.equals(sql)) {
                last = new Run(sql, new ArrayList<>());
                runs.add(last);
            }
            last.rows.add(args);
        }
    }
}
