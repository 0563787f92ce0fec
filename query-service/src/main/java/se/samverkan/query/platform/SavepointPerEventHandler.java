package se.samverkan.query.platform;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the projections' event handlers inside a savepoint of the batch's transaction while a handler has
 * failed lately. In PostgreSQL a failed statement aborts the whole transaction; without the savepoint the
 * dead-letter queue could not even record the failing event (its insert would fail too). A savepoint per
 * handler call, though, is two more statements per event and handler (most of a replay's statements), for
 * a failure that is rare. So handlers run without one until one fails: that batch's transaction is then
 * marked rollback-only (the failing handler's earlier statements must not be committed with a dead letter),
 * so the batch fails as a whole and is rolled back, the processor retries it, and for {@link #CAREFUL_FOR} every handler runs in its own
 * savepoint again, so that the failing handler's work is undone alone, the event is parked in the
 * dead-letter queue, and the rest of the batch and the token move on. The projections' batched writes
 * ({@link ProjectionWrites}) take part: while handlers are careful they write at once, inside the savepoint, and a
 * batched write that fails at the end of a batch makes them careful for the retry.
 */
@Component
public class SavepointPerEventHandler implements HandlerEnhancerDefinition {

    static final Duration CAREFUL_FOR = Duration.ofMinutes(1);

    private final TransactionTemplate savepoint;
    private final TransactionTemplate batchTransaction;
    /** Until when (System.nanoTime) handlers run in savepoints; in the past at start. */
    private final AtomicLong carefulUntil = new AtomicLong(System.nanoTime() - 1);

    public SavepointPerEventHandler(PlatformTransactionManager transactionManager) {
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.batchTransaction = new TransactionTemplate(transactionManager);
        this.batchTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
    }

    /** Whether handlers run in savepoints now, because one failed lately ({@link ProjectionWrites} then writes at once). */
    public boolean careful() {
        return System.nanoTime() - carefulUntil.get() < 0;
    }

    /** A batch failed (for instance its deferred writes, {@link ProjectionWrites}): its retry runs handler by handler. */
    public void beCareful() {
        carefulUntil.set(System.nanoTime() + CAREFUL_FOR.toNanos());
    }

    private void rollBackTheBatchAndBeCareful() {
        beCareful();
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            batchTransaction.executeWithoutResult(TransactionStatus::setRollbackOnly);
        }
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.hasAnnotation(EventHandler.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!careful()) {
                    try {
                        return original.handle(message, target);
                    } catch (Exception | Error e) {
                        rollBackTheBatchAndBeCareful();
                        throw e;
                    }
                }
                try {
                    return savepoint.execute((TransactionStatus status) -> {
                        try {
                            return original.handle(message, target);
                        } catch (Exception e) {
                            throw new HandlerFailed(e);
                        }
                    });
                } catch (HandlerFailed failed) {
                    beCareful();
                    throw failed.cause;
                }
            }
        };
    }

    /** Carries a checked exception out of the transaction callback (which rolls back to the savepoint). */
    private static final class HandlerFailed extends RuntimeException {
        private final Exception cause;

        HandlerFailed(Exception cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
