package se.samverkan.command.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the events the event store appended ({@code samverkan.events.appended}, by event type). The
 * storage engine calls it as it appends, which is inside the command's unit of work and before its
 * transaction commits, so the count is taken once that unit of work has committed: events of a
 * command that was rolled back (a conflict, a veto) were never stored and are not counted.
 */
public class AppendedEventMetrics {

    public static final String COUNTER = "samverkan.events.appended";

    private final MeterRegistry registry;
    /** Built once per type: a builder and the registry's lookup for every appended event cost measurably. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public AppendedEventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void appending(List<? extends EventMessage<?>> events) {
        List<String> types = events.stream().map(event -> event.getPayloadType().getSimpleName()).toList();
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(u -> count(types));
        } else {
            // no unit of work: the engine's own transaction has committed when appendEvents returns
            count(types);
        }
    }

    private void count(List<String> types) {
        for (String type : types) {
            counters.computeIfAbsent(type, t -> Counter.builder(COUNTER)
                    .description("Events appended to the event store, by event type (counted after commit)")
                    .tag("type", t)
                    .register(registry)).increment();
        }
    }
}
