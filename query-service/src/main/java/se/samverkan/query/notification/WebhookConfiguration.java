package se.samverkan.query.notification;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import se.samverkan.query.platform.ProcessingConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox processor runs in one segment (the default is two, split by aggregate), so it queues the
 * deliveries of a subscription in the order of the event store, and starts at the head of the store
 * when it first runs: no subscription exists before, so older events have nobody to go to. An event
 * it fails to queue (the database is away) is not skipped nor dead-lettered
 * ({@link ProcessingConfiguration#WITHOUT_DEAD_LETTERS}): the error stops the processor, which claims
 * its segment again after a back-off and retries from its token.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    public ConfigurerModule webhookOutboxProcessor() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                WebhookOutbox.PROCESSING_GROUP, (config, builder) -> builder
                        .initialSegmentCount(1)
                        .initialToken(StreamableMessageSource::createHeadToken))
                .registerListenerInvocationErrorHandler(WebhookOutbox.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }
}
