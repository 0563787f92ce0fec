package se.samverkan.query.audit;

import se.samverkan.query.platform.eventstore.StoredEvents;
import se.samverkan.query.platform.eventstore.StoredEvent;
import se.samverkan.query.platform.eventstore.StoredTime;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.EventJson;
import se.samverkan.query.audit.ChainVerifier.Receipt;
import se.samverkan.query.audit.ChainVerifier.Verification;
import se.samverkan.query.audit.FieldChanges.FieldChange;
import se.samverkan.platform.web.BadRequestException;
import se.samverkan.platform.web.NotFoundException;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The audit view of one aggregate (a report or a project), always rebuilt from the event store: its
 * history with the fields each event changed, its state at any version or instant, differences
 * between versions, and the verification of its hash chain.
 */
@Service
public class AuditTrail {

    /** {@code problem}: why this event changed nothing in the states shown (it cannot be read or folded); absent normally. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(long version, String type, Instant at, String userId, String role, boolean lifecycleStep,
                               List<FieldChange> changes, String problem) {
    }

    public record StateAt(String id, long version, Instant at, ObjectNode state) {
    }

    /** One aggregate's events, folded: states.get(v - 1) is the state at version v. */
    record Replay(String id, AggregateFold fold, List<DomainEventMessage<?>> events, List<ObjectNode> states,
                  List<String> problems, List<StoredEvent> stored) {

        /** The project of the aggregate's first event (its ProjectEvent); empty when that event cannot be read. */
        String projectId() {
            return stored.isEmpty() || stored.get(0).projectId() == null ? "" : stored.get(0).projectId();
        }

        long latestVersion() {
            return events.size();
        }

        StateAt at(long version) {
            if (version < 1 || version > events.size()) {
                throw new NotFoundException(fold.kind() + " '" + id + "' has versions 1 to " + events.size()
                        + "; there is no version " + version);
            }
            return new StateAt(id, version, StoredTime.of(events.get((int) version - 1)).orElse(null),
                    states.get((int) version - 1));
        }
    }

    private static final ObjectMapper JSON = EventJson.newObjectMapper();

    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final StoredEvents storedEvents;
    private final List<AggregateFold> folds;
    private final Clock clock;

    public AuditTrail(@Qualifier("eventSerializer") Serializer serializer, org.axonframework.config.Configuration axon,
                      StoredEvents storedEvents, List<AggregateFold> folds, Clock clock) {
        this.serializer = serializer;
        this.upcasters = axon.upcasterChain();
        this.storedEvents = storedEvents;
        this.folds = folds;
        this.clock = clock;
    }

    /** Replays the aggregate's events; 404 when no aggregate of that kind has this id. */
    Replay replay(String kind, String id) {
        return replay(kind, id, Integer.MAX_VALUE);
    }

    /** Replays only the aggregate's first event: enough to know it exists and which project it belongs to. */
    Replay first(String kind, String id) {
        return replay(kind, id, 1);
    }

    private Replay replay(String kind, String id, int limit) {
        // every event from the first, never the command side's snapshot: an audit shows each step as stored. The rows
        // come in one query and go through the same upcasters and JSON as Axon's own reads would take them.
        List<DomainEventMessage<?>> events = new ArrayList<>();
        List<StoredEvent> stored = storedEvents.ofAggregate(id, limit);
        Stream<GenericDomainEventEntry<byte[]>> rows = stored.stream()
                .map(row -> new GenericDomainEventEntry<>(row.aggregateType(), row.aggregateId(),
                        row.sequenceNumber(), row.eventIdentifier(), row.timestamp(), row.payloadType(),
                        row.payloadRevision(), row.payload(), row.metaData()));
        EventStreamUtils.upcastAndDeserializeDomainEvents(rows, serializer, upcasters).asStream().forEach(events::add);
        Object first = events.isEmpty() ? null : payloadOrNull(events.get(0));
        AggregateFold fold = events.isEmpty() ? null : folds.stream()
                .filter(f -> f.kind().equals(kind) && (first == null || f.startsWith(first))).findFirst().orElse(null);
        if (fold == null) {
            throw new NotFoundException("there is no " + kind + " with the id '" + id + "'");
        }
        List<ObjectNode> states = new ArrayList<>(events.size());
        List<String> problems = new ArrayList<>(events.size());
        ObjectNode state = JSON.createObjectNode();
        for (DomainEventMessage<?> event : events) {
            ObjectNode before = state;
            state = state.deepCopy();
            String problem = null;
            Object payload = payloadOrNull(event);
            Instant at = StoredTime.of(event).orElse(null);
            if (payload == null) {
                problem = "the stored event cannot be read (its payload is not the JSON of a " + typeOf(event) + ")";
            } else {
                try {
                    // an event without a readable instant is still folded where its fold does not need the instant
                    fold.apply(state, payload, at);
                    problem = at == null ? "the stored event is shown without its time: " + StoredTime.UNREADABLE : null;
                } catch (RuntimeException e) {
                    // whatever is stored, the audit view stays up: this event changes nothing, and says so
                    state = before.deepCopy();
                    problem = "the stored event cannot be applied: " + (at == null ? StoredTime.UNREADABLE : e.toString());
                }
            }
            state.put("version", event.getSequenceNumber() + 1);
            states.add(state);
            problems.add(problem);
        }
        return new Replay(id, fold, events, states, problems, stored);
    }

    private static Object payloadOrNull(DomainEventMessage<?> event) {
        try {
            return event.getPayload();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String typeOf(DomainEventMessage<?> event) {
        try {
            return event.getPayloadType().getSimpleName();
        } catch (RuntimeException e) {
            return "stored event";
        }
    }

    private static final JsonFactory STREAMING = new JsonFactory();

    /**
     * The userId and role of the replay's i-th event. Read straight from its stored metadata bytes (a streaming
     * parse of two fields, much cheaper than deserializing all metadata of thousands of events), unless an upcaster
     * changed the events so that they no longer line up with the stored rows.
     */
    private static String[] who(Replay replay, int i) {
        DomainEventMessage<?> event = replay.events().get(i);
        if (replay.stored().size() != replay.events().size()
                || !replay.stored().get(i).eventIdentifier().equals(event.getIdentifier())) {
            return new String[] {metadata(event, AuditMetadata.USER_ID), metadata(event, AuditMetadata.ROLE)};
        }
        String[] who = new String[2];
        byte[] metadata = replay.stored().get(i).metaData();
        if (metadata == null) {
            return who;
        }
        try (JsonParser parser = STREAMING.createParser(metadata)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return who;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int slot = AuditMetadata.USER_ID.equals(name) ? 0 : AuditMetadata.ROLE.equals(name) ? 1 : -1;
                if (slot >= 0 && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    who[slot] = parser.getText();
                }
                parser.skipChildren();
            }
            return who;
        } catch (IOException | RuntimeException e) {
            return new String[2]; // metadata that cannot be read names nobody
        }
    }

    /** A metadata entry as text; null when absent or when the stored metadata cannot be read. */
    private static String metadata(DomainEventMessage<?> event, String key) {
        try {
            Object value = event.getMetaData().get(key);
            return value == null ? null : value.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    List<HistoryEntry> history(Replay replay) {
        List<HistoryEntry> entries = new ArrayList<>();
        ObjectNode before = JSON.createObjectNode();
        for (int i = 0; i < replay.events().size(); i++) {
            DomainEventMessage<?> event = replay.events().get(i);
            ObjectNode after = replay.states().get(i);
            List<FieldChange> changes = FieldChanges.between(before, after).stream()
                    .filter(change -> !change.field().equals("version")).toList();
            Object payload = payloadOrNull(event);
            String[] who = who(replay, i);
            entries.add(new HistoryEntry(i + 1L, typeOf(event), StoredTime.of(event).orElse(null), who[0], who[1],
                    payload != null && replay.fold().isLifecycleStep(payload), changes, replay.problems().get(i)));
            before = after;
        }
        return entries;
    }

    /** The state as it was at an instant: after every event stored at or before it. */
    StateAt asOf(Replay replay, Instant instant) {
        if (instant.isAfter(clock.instant())) {
            throw new BadRequestException("asOf " + instant + " lies in the future; give an instant up to now");
        }
        long version = 0;
        for (DomainEventMessage<?> event : replay.events()) {
            // an event whose stored instant cannot be read is taken to lie with its neighbours in sequence order
            if (StoredTime.of(event).filter(at -> at.isAfter(instant)).isPresent()) {
                break;
            }
            version = event.getSequenceNumber() + 1;
        }
        if (version == 0) {
            throw new NotFoundException(replay.fold().kind() + " '" + replay.id() + "' did not exist yet at " + instant
                    + "; its history starts at " + StoredTime.of(replay.events().get(0)).map(Instant::toString)
                    .orElse("an event whose " + StoredTime.UNREADABLE));
        }
        return replay.at(version);
    }

    /** What differs between two versions: the content, and apart from it the lifecycle bookkeeping. */
    record Diff(List<FieldChange> changes, List<FieldChange> lifecycleChanges) {
    }

    Diff diff(Replay replay, long from, long to) {
        List<FieldChange> all = FieldChanges.between(replay.at(from).state(), replay.at(to).state()).stream()
                .filter(change -> !change.field().equals("version")).toList();
        return new Diff(all.stream().filter(change -> !isLifecycle(change)).toList(),
                all.stream().filter(AuditTrail::isLifecycle).toList());
    }

    private static boolean isLifecycle(FieldChange change) {
        return change.field().startsWith(ReportFold.LIFECYCLE + ".");
    }

    Verification verify(String id, Receipt receipt) {
        return ChainVerifier.verify(storedEvents.ofAggregate(id), receipt);
    }

    List<StoredEvent> storedEvents(String id) {
        return storedEvents.ofAggregate(id);
    }
}
