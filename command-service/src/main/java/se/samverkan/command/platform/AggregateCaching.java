package se.samverkan.command.platform;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The memory of recently written aggregates that reports and projects (the long histories) use, see
 * {@link StoreCheckedAggregateCache}.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCaching {

    /** The bean name the aggregates give in {@code @Aggregate(cache = ...)}. */
    public static final String CACHE = "aggregateCache";

    /** Aggregates remembered at most; a project's or a report's state is a few kilobytes to some tens. */
    static final int CAPACITY = 2_000;

    @Bean(CACHE)
    public Cache aggregateCache(EventStorageEngine eventStorageEngine) {
        return new StoreCheckedAggregateCache(eventStorageEngine, CAPACITY);
    }
}
