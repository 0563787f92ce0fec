package se.samverkan.query.platform.replay;

import org.axonframework.config.ProcessingGroup;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * A projection that a rebuild (POST /api/admin/rebuild) empties and fills again from the event store.
 * Implement it on the {@code @ProcessingGroup} component that owns the read model's tables, and empty them in an
 * Axon {@code @ResetHandler} method (typically {@code TRUNCATE} its tables: a {@code DELETE} would leave every old row
 * dead in the tables and their indexes, which the replay's inserts then step over and autovacuum cleans up while the
 * replay runs; {@code TRUNCATE} is transactional in PostgreSQL, so it is undone with the reset if that fails, and
 * blocks readers only until the reset commits).
 *
 * <p>The rebuild: the processor that runs the group (with the other read models' groups) stops; Axon's
 * {@code resetTokens()} runs, in one transaction, the reset handlers of its groups, clears their dead letters and moves
 * its tokens back to the start of the event store; the processor starts again and replays every event; once it has
 * passed the newest event of the moment the rebuild began, {@link #rebuilt()} is called. A processor that runs no
 * ReadModel's group is not rebuilt at all (which is right for processors with side effects, such as webhook
 * deliveries, and wrong for a read model: it would keep its old rows). A read model that must stay usable during the replay may mark its rows in its reset handler instead and
 * remove the unconfirmed ones in {@link #rebuilt()}.
 */
public interface ReadModel {

    /** Called once the replay has caught up with the event store as it was when the rebuild began. */
    default void rebuilt() {
    }

    /** The processing group whose events fill this read model: by default its {@code @ProcessingGroup}. */
    default String processingGroup() {
        ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(ClassUtils.getUserClass(getClass()), ProcessingGroup.class);
        if (group == null) {
            throw new IllegalStateException(getClass().getName() + " is a ReadModel without @ProcessingGroup;"
                    + " annotate it or override processingGroup()");
        }
        return group.value();
    }
}
