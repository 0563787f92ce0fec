package se.samverkan.query.notification.webhook;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samverkan.query.platform.ProcessingConfiguration;
import se.samverkan.query.platform.ScaleOutSettings;
import se.samverkan.query.platform.UnreadableEvents;

import java.util.concurrent.TimeUnit;

/**
 * The outbox processor is a tracking processor with one segment and one thread, unlike the projections'
 * pooled ones: one segment so that it queues a subscription's deliveries in the order of the event
 * store; tracking because it waits on the event store's stream, which PostgreSQL's notification wakes
 * when events are committed (see NotifiedEventStore). It starts at the head of the store when it first runs: no subscription
 * exists before, so older events have nobody to go to. An event it fails to queue (the database is
 * away) is neither skipped nor dead-lettered ({@link ProcessingConfiguration#WITHOUT_DEAD_LETTERS}):
 * the error stops the processor, which retries from its token after a back-off. Only an event that cannot
 * be deserialized at all is passed over (logged): nothing could ever be sent for it.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

    @Bean
    public ConfigurerModule webhookOutboxProcessor(ScaleOutSettings scaleOut) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(WebhookOutbox.PROCESSING_GROUP, org.axonframework.config.Configuration::eventStore,
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(100)
                                // its stream is woken when events are stored, so waiting longer costs no latency; each
                                // wait that ends without events renews the token claim, which need not happen every second
                                .andEventAvailabilityTimeout(scaleOut.claimExtension().toMillis(), TimeUnit.MILLISECONDS)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerListenerInvocationErrorHandler(WebhookOutbox.PROCESSING_GROUP, config -> (exception, event, listener) -> {
                    if (UnreadableEvents.isUnreadable(exception)) {
                        // no notification can be built from it, and retrying would stop every subscription for good
                        log.warn("Event {} cannot be deserialized; no webhook is queued for it: {}", event.getIdentifier(),
                                exception.toString());
                        return;
                    }
                    PropagatingErrorHandler.instance().onError(exception, event, listener);
                });
    }
}
