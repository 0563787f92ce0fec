package se.samverkan.query.notification.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * The webhook settings of DESIGN.md: SAMVERKAN_WEBHOOK_ALLOW_PRIVATE, SAMVERKAN_WEBHOOK_RETRY_SCHEDULE,
 * and SAMVERKAN_WEBHOOK_KEY (base64 AES key for the stored secrets; without it a key file in the data
 * folder). {@code workers} is the number of delivery threads of this instance.
 */
@ConfigurationProperties("samverkan.webhook")
public record WebhookSettings(boolean allowPrivate, List<Duration> retrySchedule, String key, Integer workers) {

    static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14),
            Duration.ofHours(20), Duration.ofHours(24));

    public WebhookSettings {
        retrySchedule = retrySchedule == null || retrySchedule.isEmpty() ? DEFAULT_SCHEDULE : List.copyOf(retrySchedule);
        workers = workers == null || workers < 1 ? 6 : workers;
    }
}
