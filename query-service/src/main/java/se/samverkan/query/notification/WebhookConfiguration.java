package se.samverkan.query.notification;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samverkan.query.platform.ProcessingConfiguration;

/**
 * The outbox processor is a tracking processor with one segment and one thread, unlike the projections'
 * pooled ones: one segment so that it queues a subscription's deliveries in the order of the event
 * store; tracking because it waits on the event store's stream, which PostgreSQL's notification wakes
 * when events are committed (see NotifiedEventStore). It starts at the head of the store when it first runs: no subscription
 * exists before, so older events have nobody to go to. An event it fails to queue (the database is
 * away) is neither skipped nor dead-lettered ({@link ProcessingConfiguration#WITHOUT_DEAD_LETTERS}):
 * the error stops the processor, which retries from its token after a back-off.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    public ConfigurerModule webhookOutboxProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(WebhookOutbox.PROCESSING_GROUP, org.axonframework.config.Configuration::eventStore,
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(100)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerListenerInvocationErrorHandler(WebhookOutbox.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }
}
