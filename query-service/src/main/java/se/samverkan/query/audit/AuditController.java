package se.samverkan.query.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.events.report.ReportSubmitted;
import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.EventJson;
import se.samverkan.query.audit.AuditTrail.HistoryEntry;
import se.samverkan.query.audit.AuditTrail.Replay;
import se.samverkan.query.audit.AuditTrail.StateAt;
import se.samverkan.query.audit.ChainVerifier.Receipt;
import se.samverkan.query.audit.ChainVerifier.Verification;
import se.samverkan.query.audit.FieldChanges.FieldChange;
import se.samverkan.query.platform.eventstore.StoredEvent;
import se.samverkan.platform.web.BadRequestException;
import se.samverkan.platform.security.Caller;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What auditors read: for a report (and likewise a project) its history, its state at a version or
 * instant, the differences between versions, the verification of its hash chain (also against a
 * receipt), and the whole trail as one JSON document to archive. ADMIN and AUDITOR tokens of the
 * project may read it, and the project's COORDINATOR.
 */
@RestController
public class AuditController {

    static final String HASH_DESCRIPTION = "Each event's hash is the lower-case hex SHA-256 of the UTF-8 text"
            + " previousHash\\naggregateId\\nsequenceNumber\\npayloadType\\nrevision\\ncanonicalPayload\\ncanonicalMetadata"
            + " (hash version 1: metadata without 'hashVersion'), or for metadata with hashVersion 2 of"
            + " 2\\npreviousHash\\naggregateId\\nsequenceNumber\\npayloadType\\nrevision\\nat\\ncanonicalPayload\\ncanonicalMetadata"
            + " where 'at' is the stored instant exactly as archived;"
            + " the first previousHash is 64 zeros, a missing revision is empty, canonical JSON has object keys sorted and no"
            + " white space, and the metadata excludes 'hash' and 'previousHash'. sequenceNumber = version - 1.";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper EXACT_JSON = EventJson.newObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    public record History(String id, String kind, String projectId, List<HistoryEntry> events) {
    }

    public record Differences(String id, long from, long to, List<FieldChange> changes, List<FieldChange> lifecycleChanges) {
    }

    /** A submission receipt as the command service answered it. */
    public record SubmissionReceipt(String reportId, long version, String submittedAt, String chainHead) {
    }

    /**
     * The archive of one aggregate's trail. The events' payload and metadata and the current state are JSON as
     * stored and folded: free-form by design (their shape is the event's or the fold's, not this document's).
     */
    public record AuditTrailDocument(String format, String kind, String id, String projectId, String exportedAt,
                                     String exportedBy, String hashChain, Verification verification,
                                     List<ArchivedEvent> events, List<HistoryEntry> history, ObjectNode currentState) {
    }

    /** A stored event as archived: everything needed to recompute its hash offline. */
    public record ArchivedEvent(long version, long sequenceNumber, long globalIndex, String aggregateId, String payloadType,
                                String revision, String at, JsonNode payload, JsonNode metadata, String previousHash,
                                @JsonProperty(AuditMetadata.HASH) String hash) {
    }

    private final AuditTrail trail;
    private final AuditAccess access;
    private final Clock clock;

    public AuditController(AuditTrail trail, AuditAccess access, Clock clock) {
        this.trail = trail;
        this.access = access;
        this.clock = clock;
    }

    /** The audit views share one shape for reports and projects: /api/reports/{r}/... and /api/projects/{p}/... */
    private static final String KIND = "{kind:reports|projects}";

    @GetMapping("/api/reports/{reportId}")
    public JsonNode report(@PathVariable String reportId, @RequestParam(required = false) String version,
                           @RequestParam(required = false) String asOf, Caller caller) {
        return state(readable("reports", reportId, caller), version, asOf);
    }

    @GetMapping("/api/projects/{projectId}/state")
    public JsonNode project(@PathVariable String projectId, @RequestParam(required = false) String version,
                            @RequestParam(required = false) String asOf, Caller caller) {
        return state(readable("projects", projectId, caller), version, asOf);
    }

    /** GET /api/projects/{p} itself is the overview read model; with ?version or ?asOf it is the state then. */
    @GetMapping(value = "/api/projects/{projectId}", params = "version")
    public JsonNode projectAtVersion(@PathVariable String projectId, @RequestParam String version,
                                     @RequestParam(required = false) String asOf, Caller caller) {
        return state(readable("projects", projectId, caller), version, asOf);
    }

    @GetMapping(value = "/api/projects/{projectId}", params = {"asOf", "!version"})
    public JsonNode projectAsOf(@PathVariable String projectId, @RequestParam String asOf, Caller caller) {
        return state(readable("projects", projectId, caller), null, asOf);
    }

    @GetMapping("/api/" + KIND + "/{id}/history")
    public History history(@PathVariable String kind, @PathVariable String id, Caller caller) {
        Replay replay = readable(kind, id, caller);
        return new History(replay.id(), replay.fold().kind(), replay.projectId(), trail.history(replay));
    }

    @GetMapping("/api/" + KIND + "/{id}/diff")
    public Differences diff(@PathVariable String kind, @PathVariable String id,
                            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            Caller caller) {
        Replay replay = readable(kind, id, caller);
        if (from == null || to == null) {
            throw new BadRequestException("give the two versions to compare: ?from=N&to=M");
        }
        long fromVersion = number("from", from);
        long toVersion = number("to", to);
        AuditTrail.Diff diff = trail.diff(replay, fromVersion, toVersion);
        return new Differences(replay.id(), fromVersion, toVersion, diff.changes(), diff.lifecycleChanges());
    }

    @GetMapping("/api/" + KIND + "/{id}/verification")
    public Verification verification(@PathVariable String kind, @PathVariable String id,
                                     @RequestParam(required = false) String receiptVersion,
                                     @RequestParam(required = false) String receiptChainHead, Caller caller) {
        // the verification reads the stored rows itself; of the replay it needs only the project (for the scope check)
        readable(kind, id, caller, true);
        return trail.verify(id, receipt(receiptVersion, receiptChainHead));
    }

    /**
     * The report's submission receipts as the command service answered them: per ReportSubmitted its version,
     * stored instant and own stored hash (the event's chainHead field is the head before it, not the receipt's).
     * The pages show and print these, so a receipt from a page checks like the one the submission answered.
     */
    @GetMapping("/api/reports/{reportId}/receipts")
    public List<SubmissionReceipt> receipts(@PathVariable String reportId, Caller caller) {
        readable("reports", reportId, caller, true);
        return trail.storedEvents(reportId).stream()
                .filter(event -> ReportSubmitted.class.getName().equals(event.payloadType()))
                .map(event -> new SubmissionReceipt(reportId, event.version(), event.instant().toString(), event.storedHash()))
                .toList();
    }

    @GetMapping("/api/" + KIND + "/{id}/audit-trail")
    public ResponseEntity<AuditTrailDocument> export(@PathVariable String kind, @PathVariable String id, Caller caller) {
        Replay replay = readable(kind, id, caller);
        List<StoredEvent> stored = trail.storedEvents(replay.id());
        AuditTrailDocument document = new AuditTrailDocument("samverkan-audit-trail/1", replay.fold().kind(), replay.id(),
                replay.projectId(), clock.instant().toString(), caller.userId(), HASH_DESCRIPTION,
                ChainVerifier.verify(stored, null), stored.stream().map(AuditController::archived).toList(),
                trail.history(replay), replay.at(replay.latestVersion()).state());
        String filename = replay.fold().kind() + "-" + replay.id() + "-audit-trail.json";
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(document);
    }

    // ---

    /** kind as in the path: "reports" or "projects". Who may read it is checked before anything is replayed. */
    private Replay readable(String kind, String id, Caller caller) {
        return readable(kind, id, caller, false);
    }

    /** firstOnly: replay just the first event, enough for what the verification needs besides the chain. */
    private Replay readable(String kind, String id, Caller caller, boolean firstOnly) {
        access.requireReadable(caller, kind, id);
        String fold = kind.equals("reports") ? "report" : "project";
        Replay replay = firstOnly ? trail.first(fold, id) : trail.replay(fold, id);
        caller.requireRead(replay.projectId());
        return replay;
    }

    private JsonNode state(Replay replay, String version, String asOf) {
        if (version != null && asOf != null) {
            throw new BadRequestException("give either version or asOf, not both");
        }
        StateAt state = version != null ? replay.at(number("version", version))
                : asOf != null ? trail.asOf(replay, instant(asOf))
                : replay.at(replay.latestVersion());
        return state.state().deepCopy().put("changedAt", state.at() == null ? null : state.at().toString())
                .put("latestVersion", replay.latestVersion());
    }

    private static ArchivedEvent archived(StoredEvent event) {
        return new ArchivedEvent(event.version(), event.sequenceNumber(), event.index(), event.aggregateId(),
                event.payloadType(), event.payloadRevision(), event.timestamp(), json(event.payload()),
                json(event.metaData()), event.storedPreviousHash(), event.storedHash());
    }

    /** Stored JSON as it is; bytes that are not JSON as a base64 text, so the archive still holds them exactly. */
    private static JsonNode json(byte[] bytes) {
        try {
            return bytes == null ? null : EXACT_JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return EXACT_JSON.createObjectNode().put("unreadableBytesBase64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    private static Receipt receipt(String version, String chainHead) {
        if (version == null && chainHead == null) {
            return null;
        }
        if (version == null || chainHead == null) {
            throw new BadRequestException("to check a receipt give both receiptVersion and receiptChainHead");
        }
        if (!HASH.matcher(chainHead).matches()) {
            throw new BadRequestException("receiptChainHead must be the 64 hex digits of the receipt's chainHead");
        }
        return new Receipt(number("receiptVersion", version), chainHead);
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number such as 3, not '" + value + "'");
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("asOf must be a UTC instant such as 2024-05-27T10:15:30Z, not '" + value + "'");
        }
    }
}
