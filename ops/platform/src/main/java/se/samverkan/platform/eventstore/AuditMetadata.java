package se.samverkan.platform.eventstore;

import java.util.Set;

/** Keys of the metadata every event carries. */
public final class AuditMetadata {

    public static final String USER_ID = "userId";
    public static final String ROLE = "role";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String CLIENT_IP = "clientIp";
    /** SHA-256 of a create request, so that a repeated create can be told apart from a conflicting one. */
    public static final String REQUEST_FINGERPRINT = "requestFingerprint";

    /** Tamper evidence: this event's hash and the hash of the aggregate's event before it. */
    public static final String HASH = "hash";
    public static final String PREVIOUS_HASH = "previousHash";

    /**
     * The hash version the event was chained under (2 from its introduction on; absent = 1). Not a chain
     * key: it is itself covered by the hash, so an event cannot be passed off under the weaker version 1.
     */
    public static final String HASH_VERSION = "hashVersion";

    public static final Set<String> CHAIN_KEYS = Set.of(HASH, PREVIOUS_HASH);

    private AuditMetadata() {
    }
}
