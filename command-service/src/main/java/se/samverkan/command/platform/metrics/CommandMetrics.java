package se.samverkan.command.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.platform.web.ForbiddenException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every command on the command bus, by command type and outcome ({@code samverkan.commands}).
 * The outcome is known only when the unit of work ends: a clash on the event store's unique key (two
 * writers, or a create with a taken id) shows only when the events are committed, after the handler.
 */
public class CommandMetrics implements MessageHandlerInterceptor<CommandMessage<?>> {

    public static final String TIMER = "samverkan.commands";

    /**
     * The histogram's buckets: enough for the dashboard's p50/p95/p99 by type (histogram_quantile), a dozen
     * instead of the seventy of a percentile histogram, which every command paid for.
     */
    public static final Duration[] BUCKETS = {Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    /** Built once per type and outcome: a builder and the registry's lookup on every command cost measurably. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        String type = unitOfWork.getMessage().getPayloadType().getSimpleName();
        long start = System.nanoTime();
        Object result;
        try {
            result = chain.proceed();
        } catch (Exception | Error e) {
            record(type, outcomeOf(e), start);
            throw e;
        }
        unitOfWork.afterCommit(u -> record(type, Outcome.SUCCESS, start));
        unitOfWork.onRollback(u -> {
            ResultMessage<?> executionResult = u.getExecutionResult() == null ? null : u.getExecutionResult().getResult();
            Throwable cause = executionResult != null && executionResult.isExceptional() ? executionResult.exceptionResult() : null;
            record(type, outcomeOf(cause), start);
        });
        return result;
    }

    private void record(String type, Outcome outcome, long startNanos) {
        timer(type, outcome).record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private Timer timer(String type, Outcome outcome) {
        return timers.computeIfAbsent(type + "/" + outcome.tag, key -> Timer.builder(TIMER)
                .description("Commands handled, by command type and outcome")
                .tag("type", type)
                .tag("outcome", outcome.tag)
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
    }

    /** success; rejected (a rule, an unknown target or a missing right: the caller's mistake); conflict; error. */
    static Outcome outcomeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConflictException || t instanceof ConcurrencyException
                    || t instanceof ConflictingModificationException || t instanceof AggregateStreamCreationException) {
                return Outcome.CONFLICT;
            }
            if (t instanceof RuleViolation || t instanceof NotFoundException || t instanceof AggregateNotFoundException
                    || t instanceof ForbiddenException || t instanceof IllegalArgumentException) {
                return Outcome.REJECTED;
            }
        }
        return Outcome.ERROR;
    }

    enum Outcome {
        SUCCESS("success"), REJECTED("rejected"), CONFLICT("conflict"), ERROR("error");

        final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }
}
