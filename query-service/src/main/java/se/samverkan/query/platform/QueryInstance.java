package se.samverkan.query.platform;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * This query-service process as the others see it: the owner of its claims in token_entry and its heartbeat
 * in query_instance. Axon's default (pid@host) plus a random part, so a restarted process never passes for
 * one that died.
 */
public record QueryInstance(String id) {

    public static QueryInstance thisProcess() {
        return new QueryInstance(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }
}
