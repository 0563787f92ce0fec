package se.samverkan.platform.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The per-aggregate hash chain of DESIGN.md. Under hash version 1 an event's hash is the lower-case hex
 * SHA-256 of the UTF-8 text
 * <pre>previousHash \n aggregateId \n sequenceNumber \n payloadType \n revision \n canonicalPayload \n canonicalMetadata</pre>
 * and under version 2 (metadata {@code hashVersion: 2}) of
 * <pre>2 \n previousHash \n aggregateId \n sequenceNumber \n payloadType \n revision \n storedInstant \n canonicalPayload \n canonicalMetadata</pre>
 * where storedInstant is the time_stamp column exactly as stored (the leading "2" keeps the two kinds of
 * text apart). The global index is not covered: it is assigned by the database only while the row is
 * inserted, after the hash is computed, and the order that matters to an audit, within the aggregate, is
 * the sequence number's. In both versions the first event's previous hash is {@link #GENESIS}, a missing revision is the empty string,
 * canonical JSON has object keys sorted and no insignificant white space, and the metadata is every
 * stored metadata entry except {@code hash} and {@code previousHash}. The writer and the verifier both
 * hash the serialized JSON bytes, so a verification needs nothing but the stored rows.
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);

    /** Content after the JSON value is refused, so that bytes appended to a stored payload count as a change. */
    private static final ObjectMapper JSON = EventJson.newObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private HashChain() {
    }

    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    /** The version every newly stored event is chained under. */
    public static final int CURRENT_VERSION = VERSION_2;

    /**
     * What an event's stored metadata says about its place in the chain, read once: the hash version
     * (-1 when the metadata cannot be read or names no whole number), its hash and its previous hash.
     */
    public record Link(int version, String hash, String previousHash, JsonNode metadata) {

        public static Link of(byte[] metadataJson) {
            JsonNode metadata;
            try {
                metadata = read(metadataJson);
            } catch (RuntimeException e) {
                return new Link(-1, null, null, null);
            }
            JsonNode version = metadata.get(AuditMetadata.HASH_VERSION);
            int number = version == null ? VERSION_1
                    : version.isIntegralNumber() && version.canConvertToInt() ? version.intValue() : -1;
            return new Link(number, text(metadata.get(AuditMetadata.HASH)), text(metadata.get(AuditMetadata.PREVIOUS_HASH)),
                    metadata);
        }

        private static String text(JsonNode node) {
            return node == null || node.isNull() ? null : node.asText();
        }

        /** This event's hash recomputed under its version; throws when its payload is not JSON or the version unknown. */
        public String recompute(String previousHash, String aggregateId, long sequenceNumber, String payloadType,
                                String revision, String storedInstant, byte[] payloadJson) {
            return HashChain.hash(version, previousHash, aggregateId, sequenceNumber, payloadType, revision, storedInstant,
                    read(payloadJson), metadata);
        }
    }

    /** The hash of an event under the given version (the stored instant counts from version 2 on). */
    public static String hash(int version, String previousHash, String aggregateId, long sequenceNumber, String payloadType,
                              String revision, String storedInstant, byte[] payloadJson, byte[] metadataJson) {
        return hash(version, previousHash, aggregateId, sequenceNumber, payloadType, revision, storedInstant,
                read(payloadJson), read(metadataJson));
    }

    /** The hash of an event under version 1 (events stored before version 2). */
    public static String hash(String previousHash, String aggregateId, long sequenceNumber, String payloadType,
                              String revision, byte[] payloadJson, byte[] metadataJson) {
        return hash(VERSION_1, previousHash, aggregateId, sequenceNumber, payloadType, revision, null,
                read(payloadJson), read(metadataJson));
    }

    private static String hash(int version, String previousHash, String aggregateId, long sequenceNumber, String payloadType,
                               String revision, String storedInstant, JsonNode payload, JsonNode metadata) {
        List<String> parts = new ArrayList<>(9);
        if (version == VERSION_2) {
            parts.add(Integer.toString(VERSION_2));
        } else if (version != VERSION_1) {
            throw new IllegalArgumentException("there is no hash version " + version);
        }
        parts.add(previousHash);
        parts.add(aggregateId);
        parts.add(Long.toString(sequenceNumber));
        parts.add(payloadType);
        parts.add(revision == null ? "" : revision);
        if (version == VERSION_2) {
            parts.add(storedInstant);
        }
        parts.add(canonical(payload));
        parts.add(canonical(withoutChainKeys(metadata)));
        return sha256(String.join("\n", parts));
    }

    /** The hash stored with an event, read from its metadata JSON; null when there is none or it cannot be read. */
    public static String storedHash(byte[] metadataJson, String key) {
        try {
            JsonNode node = read(metadataJson).get(key);
            return node == null || node.isNull() ? null : node.asText();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The hash version an event was stored under: 1 when its metadata names none, the named one when it
     * is a whole number, otherwise -1 (metadata that cannot be read, or a version that is not a number).
     */
    public static int storedVersion(byte[] metadataJson) {
        return Link.of(metadataJson).version();
    }

    public static Map<String, Object> readMetadata(byte[] metadataJson) {
        try {
            return JSON.readerForMapOf(Object.class).readValue(metadataJson == null ? "{}".getBytes() : metadataJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** JSON with object keys sorted (recursively) and no white space. */
    public static String canonical(JsonNode node) {
        try {
            return JSON.writeValueAsString(sorted(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(byte[] json) {
        if (json == null || json.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored event JSON cannot be read", e);
        }
    }

    private static JsonNode withoutChainKeys(JsonNode metadata) {
        if (metadata instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            AuditMetadata.CHAIN_KEYS.forEach(copy::remove);
            return copy;
        }
        return metadata;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode result = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                result.set(name, sorted(node.get(name)));
            }
            return result;
        }
        if (node.isArray()) {
            var result = JSON.createArrayNode();
            node.forEach(element -> result.add(sorted(element)));
            return result;
        }
        return node;
    }
}
