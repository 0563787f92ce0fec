package se.samverkan.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;
import se.samverkan.query.security.AccessTokens.Credential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import se.samverkan.platform.security.FailedAuthentications;
import se.samverkan.platform.security.BearerAuthentication;
import se.samverkan.platform.security.Caller;

/**
 * Identifies the caller from {@code Authorization: Bearer <token>} or from the session cookie of the
 * pages. The API answers 401 problem+json without one; pages send the browser to the sign-in page.
 * Health, the sign-in page, static assets and the OpenAPI document with its Swagger UI are open.
 *
 * <p>A Bearer token or session cookie that identifies nobody counts as a failed authentication of the client
 * address (a token refused by the sign-in form too, counted by the form); an address with too many is answered 429
 * ({@link FailedAuthentications}) before its credentials are even looked at.
 */
public class AuthenticationFilter extends OncePerRequestFilter {

    public static final String CALLER_ATTRIBUTE = Caller.class.getName();
    public static final String SESSION_COOKIE = "samverkan_session";
    /** The {@link Credential} the caller authenticated with, for those that check it again later (event streams). */
    public static final String CREDENTIAL_ATTRIBUTE = Credential.class.getName();

    private final AccessTokens tokens;
    private final ObjectMapper json;
    private final FailedAuthentications failures;

    public AuthenticationFilter(AccessTokens tokens, ObjectMapper json, FailedAuthentications failures) {
        this.tokens = tokens;
        this.json = json;
        this.failures = failures;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/actuator/health") || (path.equals("/sign-in") && !isSignIn(request))
                || path.equals("/sign-out") || path.startsWith("/assets/") || path.equals("/favicon.ico") || path.equals("/error")
                || isApiDescription(path);
    }

    /** The OpenAPI document and its Swagger UI describe the contract, not data: open like the sign-in page. */
    private static boolean isApiDescription(String path) {
        return path.equals("/v3/api-docs") || path.startsWith("/v3/api-docs/") || path.equals("/v3/api-docs.yaml")
                || path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/");
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
        if (isSignIn(request)) {
            // the form checks the token itself and counts a wrong one (SignInController)
            chain.doFilter(request, response);
            return;
        }
        Optional<String> bearer = BearerAuthentication.token(request);
        Optional<String> sessionId = sessionId(request);
        Optional<Caller> caller;
        Credential credential;
        String failure;
        if (bearer.isPresent()) {
            caller = tokens.identify(bearer.get());
            credential = Credential.ofToken(bearer.get());
            failure = BearerAuthentication.UNKNOWN_TOKEN;
        } else {
            caller = sessionId.flatMap(tokens::identifySession);
            credential = sessionId.map(Credential::ofSession).orElse(null);
            failure = BearerAuthentication.MISSING_TOKEN;
        }
        if (caller.isEmpty()) {
            if (credential != null) {
                failures.recordFailure(clientAddress);
            }
            refuse(request, response, failure);
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        request.setAttribute(CREDENTIAL_ATTRIBUTE, credential);
        chain.doFilter(request, response);
    }

    private static boolean isSignIn(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && request.getRequestURI().equals("/sign-in");
    }

    static Optional<String> sessionId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? Optional.empty()
                : Arrays.stream(cookies).filter(c -> SESSION_COOKIE.equals(c.getName())).map(Cookie::getValue).findFirst();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        String path = request.getRequestURI();
        boolean page = !path.startsWith("/api/") && !path.startsWith("/actuator/")
                && "GET".equals(request.getMethod());
        if (page) {
            String next = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            response.sendRedirect("/sign-in?next=" + UriUtils.encode(next, StandardCharsets.UTF_8));
            return;
        }
        BearerAuthentication.unauthorized(response, json, detail);
    }
}
