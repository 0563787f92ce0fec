package se.samverkan.query.dashboard;

import se.samverkan.query.platform.replay.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.query.platform.ProjectionWrites;
import se.samverkan.query.platform.eventstore.StoredTime;
import se.samverkan.query.project.EventIndex;

import java.time.Instant;
import java.util.Optional;

/** Every project-related event as a line of the recent-changes feed, keyed by its global index. */
@Component
@ProcessingGroup("recent-changes")
public class RecentChangesProjection implements ReadModel {

    private static final Logger log = LoggerFactory.getLogger(RecentChangesProjection.class);

    private final JdbcTemplate jdbc;
    private final ProjectionWrites writes;

    public RecentChangesProjection(JdbcTemplate jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(Object event, EventMessage<?> message, TrackingToken token, @MetaDataValue("userId") String userId) {
        // read here rather than by @Timestamp, which gives StoredTime.UNKNOWN for a stored time stamp that is no instant
        Optional<Instant> storedAt = StoredTime.of(message);
        if (storedAt.isEmpty()) {
            log.warn("Event {} is left out of the recent changes: {}", message.getIdentifier(), StoredTime.UNREADABLE);
            return;
        }
        Instant at = storedAt.get();
        ChangeSummaries.describe(event).ifPresent(change -> writes.update("""
                        INSERT INTO recent_change (event_index, project_id, occurred_at, event_type, aggregate_id, summary, user_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (event_index) DO UPDATE SET project_id = EXCLUDED.project_id,
                            occurred_at = EXCLUDED.occurred_at, event_type = EXCLUDED.event_type,
                            aggregate_id = EXCLUDED.aggregate_id, summary = EXCLUDED.summary, user_id = EXCLUDED.user_id""",
                EventIndex.of(token), change.projectId(), java.sql.Timestamp.from(at), message.getPayloadType().getSimpleName(),
                message instanceof DomainEventMessage<?> domainEvent ? domainEvent.getAggregateIdentifier() : null,
                change.summary(), userId));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE recent_change");
    }
}
