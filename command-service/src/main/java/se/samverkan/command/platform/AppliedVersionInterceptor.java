package se.samverkan.command.platform;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * Tells the HTTP layer which aggregate version a command produced (for the ETag): the event bus side
 * notes the sequence number of each event applied in the command's unit of work, the command bus side
 * wraps the handler's result in a {@link CommandOutcome}. The outcome also carries the global index of
 * the last event the command stored (for {@code Samverkan-Position}); it is only known once the events
 * are appended, after the handler returned, so the storage engine fills it in through
 * {@link #noteStoredPosition}.
 */
public class AppliedVersionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>>,
        MessageDispatchInterceptor<EventMessage<?>> {

    private static final String LAST_SEQUENCE = AppliedVersionInterceptor.class.getName() + ".lastSequence";
    private static final String STORED_POSITION = AppliedVersionInterceptor.class.getName() + ".storedPosition";
    static final long NOTHING_STORED = -1;

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        AtomicLong storedPosition = new AtomicLong(NOTHING_STORED);
        unitOfWork.root().resources().put(STORED_POSITION, storedPosition);
        Object result = chain.proceed();
        Long lastSequence = unitOfWork.root().getResource(LAST_SEQUENCE);
        return new CommandOutcome(result, lastSequence, storedPosition);
    }

    /**
     * Called by the storage engine right after it appended a command's events, in the appending transaction:
     * keeps the global index of the last one for the command's outcome. Outside a command nothing is asked.
     */
    static void noteStoredPosition(LongSupplier lastAppendedIndex) {
        if (CurrentUnitOfWork.isStarted()) {
            AtomicLong storedPosition = CurrentUnitOfWork.get().root().getResource(STORED_POSITION);
            if (storedPosition != null) {
                storedPosition.set(lastAppendedIndex.getAsLong());
            }
        }
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            if (event instanceof DomainEventMessage<?> domainEvent && CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().root().resources().put(LAST_SEQUENCE, domainEvent.getSequenceNumber());
            }
            return event;
        };
    }

    /**
     * A command handler's result, the sequence number of the last event it applied (null if none) and the
     * global index of the last event stored ({@link #NOTHING_STORED} if none; set when the events are appended).
     */
    public record CommandOutcome(Object result, Long lastSequenceNumber, AtomicLong storedPosition) {

        public Long position() {
            long position = storedPosition.get();
            return position == NOTHING_STORED ? null : position;
        }
    }
}
