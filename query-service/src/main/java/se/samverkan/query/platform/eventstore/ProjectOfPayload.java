package se.samverkan.query.platform.eventstore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import se.samverkan.events.ProjectEvent;
import se.samverkan.platform.eventstore.EventJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which project a stored event belongs to, decided by its {@link ProjectEvent}: the payload type must be a
 * ProjectEvent and the payload, read as that type, names the project. Never read by PostgreSQL's jsonb (which
 * refuses \u0000 escapes and stops at the first undecodable byte), so no stored payload can make a read fail.
 *
 * <p>Rows that cannot be read as their type (no class for the type any more, bytes that are no valid JSON) still
 * belong to the project their stored bytes name: their readers (stream, webhooks, audit) must meet them to name or
 * park them, not lose them silently. Those are the only answers not confirmed by a ProjectEvent.
 */
public final class ProjectOfPayload {

    private static final JsonFactory BYTES = new JsonFactory();
    private static final ObjectMapper JSON = EventJson.newObjectMapper();
    private static final Map<String, Optional<Class<?>>> TYPES = new ConcurrentHashMap<>();

    private ProjectOfPayload() {
    }

    /** The project id, or null when the event belongs to no project or its stored bytes name none. */
    public static String of(String payloadType, byte[] payload) {
        String named = named(payload);
        if (named == null) {
            return null; // a ProjectEvent's JSON always names its project at the top level
        }
        Optional<Class<?>> type = payloadType == null ? Optional.empty() : TYPES.computeIfAbsent(payloadType, ProjectOfPayload::load);
        if (type.isEmpty()) {
            return named; // a retired or future type: see the class comment
        }
        if (!ProjectEvent.class.isAssignableFrom(type.get())) {
            return null;
        }
        try {
            // read as stored: no upcasters exist yet; one that moved projectId would have to be applied here too
            return ((ProjectEvent) JSON.readValue(payload, type.get())).projectId();
        } catch (IOException | RuntimeException e) {
            return named; // damaged bytes: see the class comment
        }
    }

    /**
     * The bytes that the compact JSON of a payload of this project contains ({@code "projectId":"<id>"}): an index
     * for a cheap pre-selection in SQL, whose every answer is confirmed by {@link #of} in Java. Project ids are plain
     * ASCII (letters, digits, hyphens), which JSON writes without escapes.
     */
    public static byte[] marker(String projectId) {
        return ("\"projectId\":\"" + projectId + "\"").getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<Class<?>> load(String payloadType) {
        try {
            // not initialised: a stored type name never runs code, it is only compared with ProjectEvent
            return Optional.of(Class.forName(payloadType, false, ProjectEvent.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The top-level projectId string of the stored JSON, read with a streaming parser; null when there is none. */
    private static String named(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        try (JsonParser parser = BYTES.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("projectId".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
