package se.samverkan.command.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import se.samverkan.platform.settings.SamverkanSettings;
import se.samverkan.command.platform.ServerIds;
import se.samverkan.platform.web.Problems;
import se.samverkan.events.security.Role;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import se.samverkan.platform.security.FailedAuthentications;
import se.samverkan.platform.security.Caller;

/**
 * Every /api request needs {@code Authorization: Bearer <token>}: the admin token of the settings or
 * an issued, unrevoked token. The resulting {@link Caller} is a request attribute for the controllers.
 * Failed authentications are counted per client address; an address with too many is answered 429
 * ({@link FailedAuthentications}) before its token is even looked at.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    public static final String CALLER_ATTRIBUTE = Caller.class.getName();
    public static final String SETTINGS_ADMIN_ID = "admin";
    private static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final Pattern SAFE_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final AccessTokenDirectory directory;
    private final String adminTokenHash;
    private final ObjectMapper json;
    private final FailedAuthentications failures;

    public BearerTokenFilter(AccessTokenDirectory directory, SamverkanSettings settings, ObjectMapper json,
                             FailedAuthentications failures) {
        this.directory = directory;
        this.failures = failures;
        this.adminTokenHash = settings.hasAdminToken() ? Tokens.hash(settings.adminToken()) : null;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String clientAddress = request.getRemoteAddr();
        Optional<Duration> refusedFor = failures.refusedFor(clientAddress);
        if (refusedFor.isPresent()) {
            tooManyFailures(response, refusedFor.get());
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            unauthorized(response, "This request needs a token: send the header 'Authorization: Bearer <token>'.");
            return;
        }
        String correlationId = Optional.ofNullable(request.getHeader(CORRELATION_HEADER))
                .filter(id -> SAFE_CORRELATION_ID.matcher(id).matches())
                .orElseGet(ServerIds::newId);
        Optional<Caller> caller = identify(header.substring(7).trim(), clientAddress, correlationId);
        if (caller.isEmpty()) {
            failures.recordFailure(clientAddress);
            unauthorized(response, "The token is unknown or no longer valid (revoked, or an ADMIN token issued with"
                    + " projects, which ADMIN tokens cannot have).");
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        response.setHeader(CORRELATION_HEADER, correlationId);
        chain.doFilter(request, response);
    }

    private Optional<Caller> identify(String token, String clientIp, String correlationId) {
        String hash = Tokens.hash(token);
        if (adminTokenHash != null && Tokens.sameHash(hash, adminTokenHash)) {
            return Optional.of(new Caller(SETTINGS_ADMIN_ID, Role.ADMIN, Set.of(), clientIp, correlationId));
        }
        return directory.findValidByHash(hash)
                // ADMIN tokens are never scoped: one issued with projects before that rule is refused, not widened
                .filter(entry -> entry.role() != Role.ADMIN || entry.projects().isEmpty())
                .map(entry -> new Caller(entry.tokenId(), entry.role(), entry.projects(), clientIp, correlationId));
    }

    private void tooManyFailures(HttpServletResponse response, Duration wait) throws IOException {
        long seconds = FailedAuthentications.retryAfterSeconds(wait);
        response.setHeader("Retry-After", Long.toString(seconds));
        Problems.write(response, json, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too Many Requests",
                "Too many failed authentications from this address; try again in " + seconds + " s with a valid token."));
    }

    private void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail));
    }
}
