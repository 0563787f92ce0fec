package se.samverkan.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.events.report.ReportSubmitted;
import se.samverkan.platform.eventstore.AuditMetadata;
import se.samverkan.platform.eventstore.EventJson;
import se.samverkan.query.audit.AuditTrail.Replay;
import se.samverkan.query.audit.AuditTrail.StateAt;
import se.samverkan.query.audit.ChainVerifier.Receipt;
import se.samverkan.query.audit.ChainVerifier.Verification;
import se.samverkan.query.platform.eventstore.StoredEvent;
import se.samverkan.platform.web.BadRequestException;
import se.samverkan.platform.security.Caller;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public Map<String, Object> history(@PathVariable String kind, @PathVariable String id, Caller caller) {
        Replay replay = readable(kind, id, caller);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", replay.id());
        body.put("kind", replay.fold().kind());
        body.put("projectId", replay.projectId());
        body.put("events", trail.history(replay));
        return body;
    }

    @GetMapping("/api/" + KIND + "/{id}/diff")
    public Map<String, Object> diff(@PathVariable String kind, @PathVariable String id,
                                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                    Caller caller) {
        Replay replay = readable(kind, id, caller);
        if (from == null || to == null) {
            throw new BadRequestException("give the two versions to compare: ?from=N&to=M");
        }
        long fromVersion = number("from", from);
        long toVersion = number("to", to);
        AuditTrail.Diff diff = trail.diff(replay, fromVersion, toVersion);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", replay.id());
        body.put("from", fromVersion);
        body.put("to", toVersion);
        body.put("changes", diff.changes());
        body.put("lifecycleChanges", diff.lifecycleChanges());
        return body;
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
    public List<Map<String, Object>> receipts(@PathVariable String reportId, Caller caller) {
        readable("reports", reportId, caller, true);
        return trail.storedEvents(reportId).stream()
                .filter(event -> ReportSubmitted.class.getName().equals(event.payloadType()))
                .map(event -> {
                    Map<String, Object> receipt = new LinkedHashMap<>();
                    receipt.put("reportId", reportId);
                    receipt.put("version", event.version());
                    receipt.put("submittedAt", event.instant().toString());
                    receipt.put("chainHead", event.storedHash());
                    return receipt;
                })
                .toList();
    }

    @GetMapping("/api/" + KIND + "/{id}/audit-trail")
    public ResponseEntity<Map<String, Object>> export(@PathVariable String kind, @PathVariable String id, Caller caller) {
        Replay replay = readable(kind, id, caller);
        List<StoredEvent> stored = trail.storedEvents(replay.id());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", "samverkan-audit-trail/1");
        document.put("kind", replay.fold().kind());
        document.put("id", replay.id());
        document.put("projectId", replay.projectId());
        document.put("exportedAt", clock.instant().toString());
        document.put("exportedBy", caller.userId());
        document.put("hashChain", HASH_DESCRIPTION);
        document.put("verification", ChainVerifier.verify(stored, null));
        document.put("events", stored.stream().map(AuditController::archived).toList());
        document.put("history", trail.history(replay));
        document.put("currentState", replay.at(replay.latestVersion()).state());
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

    /** A stored event as archived: everything needed to recompute its hash offline. */
    private static Map<String, Object> archived(StoredEvent event) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("version", event.version());
        entry.put("sequenceNumber", event.sequenceNumber());
        entry.put("globalIndex", event.index());
        entry.put("aggregateId", event.aggregateId());
        entry.put("payloadType", event.payloadType());
        entry.put("revision", event.payloadRevision());
        entry.put("at", event.timestamp());
        entry.put("payload", json(event.payload()));
        entry.put("metadata", json(event.metaData()));
        entry.put("previousHash", event.storedPreviousHash());
        entry.put(AuditMetadata.HASH, event.storedHash());
        return entry;
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
