package se.samverkan.query.notification;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox processor runs in one segment (the default is two, split by aggregate), so it queues the
 * deliveries of a subscription in the order of the event store, and starts at the head of the store
 * when it first runs: no subscription exists before, so older events have nobody to go to.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    public ConfigurerModule webhookOutboxProcessor() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                WebhookOutbox.PROCESSING_GROUP, (config, builder) -> builder
                        .initialSegmentCount(1)
                        .initialToken(StreamableMessageSource::createHeadToken));
    }
}
