package se.samverkan.query.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import se.samverkan.query.platform.web.HtmlPage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.platform.security.FailedAuthentications;
import se.samverkan.query.security.AccessTokens;
import se.samverkan.query.security.AuthenticationFilter;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sign-in page of the dashboards: a token typed once becomes a session cookie (HttpOnly,
 * SameSite=Strict) that the pages and their live updates carry. Works without JavaScript.
 */
@RestController
public class SignInController {

    /** As long as the session it carries lives (AccessTokens keeps sessions 12 hours). */
    static final Duration COOKIE_LIFETIME = Duration.ofHours(12);

    /**
     * A local path and query only: starts with one '/', then characters of RFC 3986 that cannot
     * change the origin. No '\' (browsers read "/\evil" as "//evil"), no control characters or
     * spaces (browsers drop tabs and newlines, so "/\t/evil" would become "//evil").
     */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%]*");

    /** What a browser without JavaScript shows. */
    private static final Map<String, String> ERRORS_IN_ENGLISH = Map.of(
            "sign-in.error.empty", "Enter your access token.",
            "sign-in.error.unknown", "This token is unknown or has been revoked.");

    private final AccessTokens tokens;
    private final FailedAuthentications failures;
    private final HtmlPage signInPage = HtmlPage.load("sign-in.html");

    public SignInController(AccessTokens tokens, FailedAuthentications failures) {
        this.tokens = tokens;
        this.failures = failures;
    }

    @GetMapping(value = "/sign-in", produces = "text/html")
    public ResponseEntity<String> signInPage(@RequestParam(required = false) String next) {
        return form(HttpStatus.OK, safeNext(next), "");
    }

    @PostMapping(value = "/sign-in", produces = "text/html")
    public ResponseEntity<String> signIn(@RequestParam(required = false) String token,
                                         @RequestParam(required = false) String next,
                                         HttpServletRequest request) {
        String target = safeNext(next);
        if (token == null || token.isBlank()) {
            return form(HttpStatus.BAD_REQUEST, target, "sign-in.error.empty");
        }
        Optional<String> session = tokens.startSession(token.trim());
        if (session.isEmpty()) {
            // counted before the answer leaves, so the client's next attempt already sees it
            failures.recordFailure(request.getRemoteAddr());
            return form(HttpStatus.UNAUTHORIZED, target, "sign-in.error.unknown");
        }
        ResponseCookie cookie = sessionCookie(session.get(), COOKIE_LIFETIME, request);
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.SET_COOKIE, cookie.toString())
                .header(HttpHeaders.LOCATION, target)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** Ends the session (if any) and forgets the cookie; a Bearer caller just gets the sign-in page. */
    @PostMapping("/sign-out")
    public ResponseEntity<Void> signOut(@CookieValue(name = AuthenticationFilter.SESSION_COOKIE, required = false) String sessionId,
                                        HttpServletRequest request) {
        if (sessionId != null && !sessionId.isBlank()) {
            tokens.endSession(sessionId);
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.SET_COOKIE, sessionCookie("", Duration.ZERO, request).toString())
                .header(HttpHeaders.LOCATION, "/sign-in")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** Where to go after signing in: the asked-for local page, else the portfolio. Never another site. */
    static String safeNext(String next) {
        if (next == null || !LOCAL_PATH.matcher(next).matches() || next.startsWith("/sign-in") || next.startsWith("/sign-out")) {
            return "/";
        }
        return next;
    }

    /** The error is named by its text key; the page's script shows it in the reader's language. */
    private ResponseEntity<String> form(HttpStatus status, String next, String errorKey) {
        return signInPage.respond(status, Map.of("next", next, "errorKey", errorKey,
                "errorText", ERRORS_IN_ENGLISH.getOrDefault(errorKey, ""),
                "errorHidden", errorKey.isEmpty() ? "hidden" : ""));
    }

    private static ResponseCookie sessionCookie(String value, Duration maxAge, HttpServletRequest request) {
        return ResponseCookie.from(AuthenticationFilter.SESSION_COOKIE, value)
                .httpOnly(true)
                .sameSite("Strict")
                .path("/")
                // a plain-http laptop setup must still work; behind https the cookie never leaves it
                .secure(request.isSecure())
                .maxAge(maxAge)
                .build();
    }
}
