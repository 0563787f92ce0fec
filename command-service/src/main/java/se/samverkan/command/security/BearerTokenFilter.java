package se.samverkan.command.security;

import se.samverkan.platform.security.BearerAuthentication;
import se.samverkan.platform.security.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import se.samverkan.platform.settings.SamverkanSettings;
import se.samverkan.command.platform.ServerIds;
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
            BearerAuthentication.tooManyFailures(response, json, refusedFor.get());
            return;
        }
        Optional<String> token = BearerAuthentication.token(request).filter(given -> !given.isBlank());
        if (token.isEmpty()) {
            BearerAuthentication.unauthorized(response, json, BearerAuthentication.MISSING_TOKEN);
            return;
        }
        String correlationId = Optional.ofNullable(request.getHeader(CORRELATION_HEADER))
                .filter(id -> SAFE_CORRELATION_ID.matcher(id).matches())
                .orElseGet(ServerIds::newId);
        Optional<Caller> caller = identify(token.get(), clientAddress, correlationId);
        if (caller.isEmpty()) {
            failures.recordFailure(clientAddress);
            BearerAuthentication.unauthorized(response, json, BearerAuthentication.UNKNOWN_TOKEN);
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
}
