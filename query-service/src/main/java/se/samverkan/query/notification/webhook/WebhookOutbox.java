package se.samverkan.query.notification.webhook;

import se.samverkan.query.notification.EventTypes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import se.samverkan.events.ProjectEvent;
import se.samverkan.events.security.AccessTokenRevoked;
import se.samverkan.platform.eventstore.EventStoreSchema;
import se.samverkan.query.platform.consistency.StoreNotifications;
import se.samverkan.query.platform.eventstore.StoredTime;
import se.samverkan.query.project.EventIndex;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Queues the notifications: for every project event, one delivery row per subscription that wants it,
 * written in the transaction that also moves this processor's token. A crash thus either keeps both or
 * neither, and an event handled again finds its rows there already (unique per subscription and global
 * index). Not a ReadModel on purpose: a rebuild of the read models must not queue every event again.
 * Its processor has a single segment (see WebhookConfiguration), so rows are queued in event order.
 */
@Component
@ProcessingGroup(WebhookOutbox.PROCESSING_GROUP)
public class WebhookOutbox {

    static final String PROCESSING_GROUP = "webhook-outbox"; // see ProcessingConfiguration.WITHOUT_DEAD_LETTERS

    /**
     * A subscription wants an event of its projects and types stored after it was made, unless disabled or its token
     * was revoked before the event: the revocation is looked up in the event store, so it holds from its own position
     * on, however far the token projection lags.
     */
    private static final String QUEUE = """
            INSERT INTO webhook_delivery (subscription_id, global_index, event_identifier, event_type, project_id, event_time,
                next_attempt_at)
            SELECT s.subscription_id, ?, ?, ?, ?, ?, clock_timestamp()
            FROM webhook_subscription s
            WHERE s.status <> 'DISABLED' AND ? = ANY(s.projects) AND s.starts_after < ?
              AND (cardinality(s.event_types) = 0 OR ? = ANY(s.event_types))
              AND NOT EXISTS (SELECT 1 FROM access_token t WHERE t.token_id = s.owner_id AND t.revoked)
              AND NOT EXISTS (SELECT 1 FROM %s r WHERE r.aggregate_identifier = s.owner_id AND r.payload_type = '%s'
                              AND r.global_index < ?)
            ON CONFLICT (subscription_id, global_index) DO NOTHING""".formatted(EventStoreSchema.EVENT_TABLE,
            AccessTokenRevoked.class.getName());

    private final JdbcTemplate jdbc;
    private final WebhookDispatcher dispatcher;

    public WebhookOutbox(JdbcTemplate jdbc, WebhookDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.dispatcher = dispatcher;
    }

    @EventHandler
    void on(ProjectEvent event, EventMessage<?> message, TrackingToken token) {
        String projectId = event.projectId();
        if (projectId == null) {
            return;
        }
        long index = EventIndex.of(token);
        String type = event.getClass().getSimpleName();
        // event_time serves the delivery log and the latency metric; an event whose stored time stamp cannot be read
        // is still announced, timed by its queuing (the CloudEvent itself then has no 'time', see WebhookMessage)
        Instant eventTime = StoredTime.of(message).orElseGet(Instant::now);
        int queued = jdbc.update(QUEUE, index, message.getIdentifier(), type, projectId, Timestamp.from(eventTime),
                projectId, index, type, index);
        if (queued > 0) {
            // the dispatchers of every instance hear of it when this transaction commits; this one's at once
            jdbc.query("SELECT pg_notify(?, '')", rs -> null, StoreNotifications.WEBHOOKS_QUEUED);
            wakeDispatcherAfterCommit();
        }
    }

    private void wakeDispatcherAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wake();
                }
            });
        } else {
            dispatcher.wake();
        }
    }
}
