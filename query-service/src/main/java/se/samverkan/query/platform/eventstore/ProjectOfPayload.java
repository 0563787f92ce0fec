package se.samverkan.query.platform.eventstore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Which project a stored event belongs to: the top-level {@code projectId} string of its JSON payload.
 * Read in Java with a streaming parser, never by PostgreSQL's jsonb (which refuses \u0000 escapes and
 * stops at the first undecodable byte), so that no stored payload can make a read fail: a payload that
 * is not a JSON object, or has no such string, belongs to no project.
 */
public final class ProjectOfPayload {

    private static final JsonFactory JSON = new JsonFactory();

    private ProjectOfPayload() {
    }

    /** The project id, or null when the payload names none or cannot be read. */
    public static String of(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(payload)) {
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

    /**
     * The bytes that the compact JSON of a payload of this project contains ({@code "projectId":"<id>"}):
     * a cheap pre-selection in SQL, confirmed by {@link #of}. Project ids are plain ASCII (letters, digits,
     * hyphens), which JSON writes without escapes.
     */
    public static byte[] marker(String projectId) {
        return ("\"projectId\":\"" + projectId + "\"").getBytes(StandardCharsets.UTF_8);
    }
}
