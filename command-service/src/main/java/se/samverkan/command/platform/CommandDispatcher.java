package se.samverkan.command.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.command.platform.AppliedVersionInterceptor.CommandOutcome;
import se.samverkan.platform.security.Caller;
import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.EventJson;
import se.samverkan.platform.eventstore.EventStoreSchema;
import se.samverkan.platform.eventstore.HashChain;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one way controllers send commands: with the caller's audit metadata, waiting until the events
 * are committed (so an acknowledged command is durable), answering the aggregate's new version.
 * Creates with a client-chosen id are idempotent: the same request again answers as the first time,
 * a different request with a taken id is a conflict. Every answer carries a store position (global index)
 * a reader can wait for: that of the last event stored, or for a write that stored nothing (an identical
 * repeat) that of the event which already says it.
 */
@Component
public class CommandDispatcher {

    private static final String POSITION_OF_EVENT = "SELECT global_index FROM " + EventStoreSchema.EVENT_TABLE
            + " WHERE aggregate_identifier = ? AND sequence_number = ?";

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json = EventJson.newObjectMapper();

    public CommandDispatcher(CommandGateway commandGateway, EventStore eventStore, JdbcTemplate jdbc) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    /** Sends a command to an existing aggregate. */
    public Written send(String aggregateId, Object command, Caller caller) {
        CommandOutcome outcome = dispatch(command, auditMetadata(caller));
        // what the append noted: without it, the answer would read the store twice (the version and the position)
        Long sequence = outcome.storedSequenceOf(aggregateId);
        Long position = outcome.position();
        if (sequence == null || position == null) {
            // Nothing changed (a repeated identical request): the version stays what it is.
            sequence = eventStore.lastSequenceNumberFor(aggregateId).orElse(-1L);
            position = positionOf(aggregateId, sequence);
        }
        return new Written(aggregateId, sequence + 1, position);
    }

    /**
     * Sends a command that creates an aggregate: under the client-chosen id if there is one (then a repeat
     * with the same request answers as the first time did), else under a new id the server chooses. Only
     * a client-chosen id can be repeated, so only then is the request fingerprinted.
     */
    public Written create(String clientChosenId, Function<String, Object> commandForId, Caller caller) {
        if (clientChosenId == null) {
            String aggregateId = ServerIds.newId();
            CommandOutcome outcome = dispatch(commandForId.apply(aggregateId), auditMetadata(caller));
            return new Written(aggregateId, 1, outcome.position() != null ? outcome.position() : positionOf(aggregateId, 0));
        }
        String aggregateId = clientChosenId;
        Object command = commandForId.apply(aggregateId);
        String fingerprint = fingerprint(command);
        Map<String, Object> metadata = auditMetadata(caller);
        metadata.put(AuditMetadata.REQUEST_FINGERPRINT, fingerprint);
        try {
            CommandOutcome outcome = dispatch(command, metadata);
            Long position = outcome.position();
            return new Written(aggregateId, 1, position != null ? position : positionOf(aggregateId, 0));
        } catch (AggregateStreamCreationException e) {
            // the first stored event itself (from sequence 0), not a snapshot that may stand in for it
            Object earlier = eventStore.readEvents(aggregateId, 0).asStream().findFirst()
                    .map(first -> first.getMetaData().get(AuditMetadata.REQUEST_FINGERPRINT)).orElse(null);
            if (fingerprint.equals(earlier)) {
                return new Written(aggregateId, 1, positionOf(aggregateId, 0));
            }
            throw new ConflictException("the id '" + aggregateId + "' is already used for something else;"
                    + " choose another id or leave it out to get a generated one");
        }
    }

    /** The global index of one stored event of the aggregate (0 when there is none, as for an empty store). */
    private long positionOf(String aggregateId, long sequenceNumber) {
        return jdbc.query(POSITION_OF_EVENT, (rs, i) -> rs.getLong(1), aggregateId, sequenceNumber)
                .stream().findFirst().orElse(0L);
    }

    private CommandOutcome dispatch(Object command, Map<String, Object> metadata) {
        try {
            Object result = commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
            return (CommandOutcome) result;
        } catch (CommandExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? translate(cause) : e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(RuntimeException e) {
        if (e instanceof AggregateStreamCreationException) {
            return e;
        }
        if (e instanceof AggregateNotFoundException notFound) {
            return new NotFoundException("nothing with the id '" + notFound.getAggregateIdentifier() + "' exists");
        }
        if (e instanceof ConcurrencyException) {
            // still conflicting after ConcurrencyRetry's retries; its message would show the SQL and the payload
            return new ConflictException("the resource was changed by someone else at the same moment;"
                    + " read it again and retry");
        }
        if (e instanceof ConflictingModificationException) {
            return new ConflictException("the resource was changed by someone else in the meantime (stale version);"
                    + " read it again and retry: " + e.getMessage());
        }
        return e;
    }

    private static Map<String, Object> auditMetadata(Caller caller) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(AuditMetadata.USER_ID, caller.userId());
        metadata.put(AuditMetadata.ROLE, caller.role().name());
        metadata.put(AuditMetadata.CLIENT_IP, caller.clientIp());
        metadata.put(AuditMetadata.CORRELATION_ID, caller.correlationId());
        return metadata;
    }

    private String fingerprint(Object command) {
        try {
            return HashChain.sha256(command.getClass().getName() + "\n"
                    + HashChain.canonical(json.valueToTree(command)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("command cannot be fingerprinted", e);
        }
    }
}
