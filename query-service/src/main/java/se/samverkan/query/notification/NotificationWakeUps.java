package se.samverkan.query.notification;

import org.springframework.context.annotation.Configuration;
import se.samverkan.query.platform.consistency.StoreNotifications;

/** The live streams read the store when events are committed; the webhook workers look when deliveries are queued. */
@Configuration(proxyBeanMethods = false)
public class NotificationWakeUps {

    public NotificationWakeUps(StoreNotifications notifications, EventTailer tailer, WebhookDispatcher dispatcher) {
        notifications.onNotification(StoreNotifications.EVENTS_STORED, tailer::wake);
        notifications.onNotification(StoreNotifications.WEBHOOKS_QUEUED, dispatcher::wake);
    }
}
