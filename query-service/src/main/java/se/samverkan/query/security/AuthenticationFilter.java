package se.samverkan.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;
import se.samverkan.query.platform.web.Problems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Identifies the caller from {@code Authorization: Bearer <token>} or from the session cookie of the
 * pages. The API answers 401 problem+json without one; pages send the browser to the sign-in page.
 * Health, the sign-in page and static assets are open.
 */
public class AuthenticationFilter extends OncePerRequestFilter {

    public static final String CALLER_ATTRIBUTE = Caller.class.getName();
    public static final String SESSION_COOKIE = "samverkan_session";

    private final AccessTokens tokens;
    private final ObjectMapper json;

    public AuthenticationFilter(AccessTokens tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/actuator/health") || path.equals("/sign-in") || path.equals("/sign-out") || path.startsWith("/assets/")
                || path.equals("/favicon.ico") || path.equals("/error");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        Optional<Caller> caller;
        String failure;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            caller = tokens.identify(header.substring(7).trim());
            failure = "The token is unknown or has been revoked.";
        } else {
            caller = sessionId(request).flatMap(tokens::identifySession);
            failure = "This request needs a token: send the header 'Authorization: Bearer <token>'.";
        }
        if (caller.isEmpty()) {
            refuse(request, response, failure);
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
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
        response.setHeader("WWW-Authenticate", "Bearer");
        Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail));
    }
}
