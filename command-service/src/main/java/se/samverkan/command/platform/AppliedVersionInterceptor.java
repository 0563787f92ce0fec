package se.samverkan.command.platform;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tells the HTTP layer what a command stored: it wraps the handler's result in a {@link CommandOutcome} that carries
 * the global index of the last event the command stored (for {@code Samverkan-Position}) and the sequence number of
 * each aggregate's last stored event (for the ETag). Both are only known once the events are appended, after the
 * handler returned, so the storage engine fills them in through {@link #noteStored}.
 */
public class AppliedVersionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final String STORED_POSITION = AppliedVersionInterceptor.class.getName() + ".storedPosition";
    static final long NOTHING_STORED = -1;

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Stored stored = new Stored();
        unitOfWork.root().resources().put(STORED_POSITION, stored);
        return new CommandOutcome(chain.proceed(), stored);
    }

    /**
     * Called by the storage engine right after it appended a command's events, in the appending transaction:
     * keeps the global index of the last one and each aggregate's last sequence number for the command's outcome,
     * so that the answer needs no read of its own. Outside a command nothing is asked.
     */
    static void noteStored(Map<String, Long> lastSequenceByAggregate, LongSupplier lastAppendedIndex) {
        if (CurrentUnitOfWork.isStarted()) {
            Stored stored = CurrentUnitOfWork.get().root().getResource(STORED_POSITION);
            if (stored != null) {
                stored.lastSequences.putAll(lastSequenceByAggregate);
                stored.position = lastAppendedIndex.getAsLong();
            }
        }
    }

    /** What a command's unit of work appended (written by the appending thread before the commit, read after). */
    static final class Stored {
        private volatile long position = NOTHING_STORED;
        private final Map<String, Long> lastSequences = new ConcurrentHashMap<>();
    }

    /**
     * A command handler's result and what was stored: the global index of the last event, each aggregate's last
     * sequence number (set when the events are appended).
     */
    public record CommandOutcome(Object result, Stored stored) {

        /** The global index of the last event stored, or null if the command stored none. */
        public Long position() {
            long position = stored.position;
            return position == NOTHING_STORED ? null : position;
        }

        /** The sequence number of the aggregate's last event the command stored, or null if it stored none of it. */
        public Long storedSequenceOf(String aggregateId) {
            return stored.lastSequences.get(aggregateId);
        }
    }
}
