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
import java.util.function.BiFunction;

/**
 * Tells the HTTP layer which aggregate version a command produced (for the ETag): the event bus side
 * notes the sequence number of each event applied in the command's unit of work, the command bus side
 * wraps the handler's result in a {@link CommandOutcome}.
 */
public class AppliedVersionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>>,
        MessageDispatchInterceptor<EventMessage<?>> {

    private static final String LAST_SEQUENCE = AppliedVersionInterceptor.class.getName() + ".lastSequence";

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        Long lastSequence = unitOfWork.root().getResource(LAST_SEQUENCE);
        return new CommandOutcome(result, lastSequence);
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

    /** A command handler's result and the sequence number of the last event it applied (null if none). */
    public record CommandOutcome(Object result, Long lastSequenceNumber) {
    }
}
