package se.samverkan.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import se.samverkan.platform.web.Problems;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * What both services' authentication filters share: reading {@code Authorization: Bearer <token>} and the 401 and 429
 * answers, worded once. Each service keeps its own filter for what differs (the command service knows tokens from its
 * lookup table, the query service from its read model and also signs pages in with a session cookie).
 */
public final class BearerAuthentication {

    public static final String MISSING_TOKEN = "This request needs a token: send the header 'Authorization: Bearer <token>'.";
    public static final String UNKNOWN_TOKEN = "The token is unknown or no longer valid (revoked, or an ADMIN token issued"
            + " with projects, which ADMIN tokens cannot have).";

    private BearerAuthentication() {
    }

    /** The token after {@code Bearer } (any case), trimmed; empty when the header is absent or of another scheme. */
    public static Optional<String> token(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }

    public static void unauthorized(HttpServletResponse response, ObjectMapper json, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail));
    }

    /** 429 with Retry-After for an address with too many failed authentications ({@link FailedAuthentications}). */
    public static void tooManyFailures(HttpServletResponse response, ObjectMapper json, Duration wait) throws IOException {
        long seconds = FailedAuthentications.retryAfterSeconds(wait);
        response.setHeader("Retry-After", Long.toString(seconds));
        Problems.write(response, json, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too Many Requests",
                "Too many failed authentications from this address; try again in " + seconds + " s with a valid token."));
    }
}
