package se.samverkan.query.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** How an aggregate kind's events build its state, as a JSON document (so states can be shown and compared). */
interface AggregateFold {

    /** The kind of aggregate, as the API names it ("report", "project"). */
    String kind();

    /** Whether this fold understands the aggregate whose first event is of this type. */
    boolean startsWith(Object firstEvent);

    /** Applies one event to the state (changing it in place). */
    void apply(ObjectNode state, Object event, Instant at);

    /** Whether the event is a lifecycle step worth marking in a timeline. */
    boolean isLifecycleStep(Object event);
}
