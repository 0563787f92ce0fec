package se.samverkan.query.notification;

import org.springframework.stereotype.Component;
import se.samverkan.query.platform.consistency.StoreNotifications;

import java.time.Duration;

/**
 * The wake-ups the live streams and the webhook workers wait on, so that neither polls the database while
 * nothing happens: events committed to the store ({@link StoreNotifications#EVENTS_STORED}, sent by the
 * event store's trigger) and deliveries queued by any instance ({@link StoreNotifications#WEBHOOKS_QUEUED}).
 * A wake-up is a hint; without one, readers still look every {@link #FALLBACK_POLL}, which is what a lost
 * notification (or the listening connection being away) costs.
 */
@Component
public class NotificationWakeUps {

    /** How often the streams and the webhook workers look without being woken. */
    public static final Duration FALLBACK_POLL = Duration.ofSeconds(5);

    private final StoreNotifications notifications;

    public NotificationWakeUps(StoreNotifications notifications) {
        this.notifications = notifications;
    }

    /** Runs {@code wake} (it must be quick) whenever events were committed to the store, by any service. */
    public void onEventsStored(Runnable wake) {
        notifications.onNotification(StoreNotifications.EVENTS_STORED, wake);
    }

    /** Runs {@code wake} (it must be quick) whenever webhook deliveries were queued, by any instance. */
    public void onWebhooksQueued(Runnable wake) {
        notifications.onNotification(StoreNotifications.WEBHOOKS_QUEUED, wake);
    }
}
