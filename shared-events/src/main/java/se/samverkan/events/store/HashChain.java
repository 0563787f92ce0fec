package se.samverkan.events.store;

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
 * The per-aggregate hash chain of DESIGN.md. An event's hash is the lower-case hex SHA-256 of the
 * UTF-8 text
 * <pre>previousHash \n aggregateId \n sequenceNumber \n payloadType \n revision \n canonicalPayload \n canonicalMetadata</pre>
 * where the first event's previous hash is {@link #GENESIS}, a missing revision is the empty string,
 * canonical JSON has object keys sorted and no insignificant white space, and the metadata is every
 * stored metadata entry except {@code hash} and {@code previousHash}. The writer and the verifier both
 * hash the serialized JSON bytes, so a verification needs nothing but the stored rows.
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = EventJson.newObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private HashChain() {
    }

    public static String hash(String previousHash, String aggregateId, long sequenceNumber, String payloadType,
                              String revision, byte[] payloadJson, byte[] metadataJson) {
        String text = String.join("\n",
                previousHash,
                aggregateId,
                Long.toString(sequenceNumber),
                payloadType,
                revision == null ? "" : revision,
                canonical(read(payloadJson)),
                canonical(withoutChainKeys(read(metadataJson))));
        return sha256(text);
    }

    /** The hash stored with an event, read from its metadata JSON; null when there is none. */
    public static String storedHash(byte[] metadataJson, String key) {
        JsonNode node = read(metadataJson).get(key);
        return node == null || node.isNull() ? null : node.asText();
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
