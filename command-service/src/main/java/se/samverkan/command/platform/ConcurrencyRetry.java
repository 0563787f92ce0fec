package se.samverkan.command.platform;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several command-service instances may write one aggregate at the same moment. The one that appends second
 * hits the first's (aggregate, sequence number) and Axon raises a {@link ConcurrencyException}; its transaction
 * rolls back, so nothing of it was stored. Such a command is run again on the fresh state, up to
 * {@value #RETRIES} times {@value #INTERVAL_MILLIS} ms apart, and answered 409 only if it still conflicts.
 * Nothing else is retried: a stale If-Match (ConflictingAggregateVersionException) stays a 409 at once, since
 * the client asked for exactly that version, and rule violations are final.
 */
@Configuration(proxyBeanMethods = false)
public class ConcurrencyRetry {

    static final int RETRIES = 3;
    static final int INTERVAL_MILLIS = 20;

    /** Replaces Axon Boot's plain gateway (which it defines only when there is none). */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        // Axon's own non-transient test looks at every cause in the chain (and a ConcurrencyException is caused by
        // the SQL error), so the choice of what to retry is made here, before its scheduler counts and waits.
        IntervalRetryScheduler interval = IntervalRetryScheduler.builder()
                .retryExecutor(commandRetryExecutor)
                .maxRetryCount(RETRIES)
                .retryInterval(INTERVAL_MILLIS)
                .nonTransientFailurePredicate(failure -> false)
                .build();
        RetryScheduler onlyConcurrencyConflicts = (command, failure, failures, dispatch) ->
                isConcurrencyConflict(failure) && interval.scheduleRetry(command, failure, failures, dispatch);
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(onlyConcurrencyConflicts)
                .build();
    }

    /** Spring shuts it down with the context. */
    @Bean
    public ScheduledExecutorService commandRetryExecutor() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "command-retry-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    static boolean isConcurrencyConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
