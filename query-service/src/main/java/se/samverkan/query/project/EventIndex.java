package se.samverkan.query.project;

import org.axonframework.eventhandling.TrackingToken;

/**
 * The global index of an event in the store (domain_event_entry.global_index), read from the tracking
 * token an event handler receives. It is the same during a replay, so rows keyed by it stay idempotent,
 * and it is what the SSE stream uses as event id.
 */
public final class EventIndex {

    private EventIndex() {
    }

    public static long of(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("a tracking token without a position: " + token));
    }
}
