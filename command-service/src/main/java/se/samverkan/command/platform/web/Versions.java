package se.samverkan.command.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import se.samverkan.command.platform.Written;

/**
 * Aggregate versions on the wire: {@code ETag: "N"} where N counts the aggregate's events, and
 * {@code If-Match: "N"}, which Axon receives as the expected sequence number N-1; and the store position
 * of the write, {@code Samverkan-Position: <global index>}, which a reader of the query service may send
 * back as {@code Samverkan-Min-Position} to see its own write.
 */
public final class Versions {

    public static final String POSITION_HEADER = "Samverkan-Position";

    /** The answer of a create that names what it created (201): the new aggregate's id. */
    public record Created(String id) {
    }

    private Versions() {
    }

    /** Null when the request has no If-Match (or {@code *}): then any version is accepted. */
    public static Long expectedSequence(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version - 1;
        } catch (NumberFormatException e) {
            throw new BadIfMatchException("If-Match must be a version as given in an ETag, like \"3\", not '" + ifMatch + "'");
        }
    }

    public static ResponseEntity<Created> created(Written written) {
        return created(written, new Created(written.aggregateId()));
    }

    public static <T> ResponseEntity<T> created(Written written, T body) {
        return ResponseEntity.status(HttpStatus.CREATED).eTag(etag(written)).header(POSITION_HEADER, position(written)).body(body);
    }

    public static ResponseEntity<Void> createdWithoutBody(Written written) {
        return ResponseEntity.status(HttpStatus.CREATED).eTag(etag(written)).header(POSITION_HEADER, position(written)).build();
    }

    public static ResponseEntity<Void> ok(Written written) {
        return ResponseEntity.ok().eTag(etag(written)).header(POSITION_HEADER, position(written)).build();
    }

    public static <T> ResponseEntity<T> ok(Written written, T body) {
        return ResponseEntity.ok().eTag(etag(written)).header(POSITION_HEADER, position(written)).body(body);
    }

    public static String position(Written written) {
        return Long.toString(written.position());
    }

    private static String etag(Written written) {
        return "\"" + written.version() + "\"";
    }

    public static class BadIfMatchException extends RuntimeException {
        public BadIfMatchException(String message) {
            super(message);
        }
    }
}
