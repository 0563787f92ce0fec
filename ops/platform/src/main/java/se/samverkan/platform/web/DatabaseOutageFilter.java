package se.samverkan.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;
import se.samverkan.platform.database.DatabaseOutage;

import java.io.IOException;

/**
 * While the database is unavailable every request, including those that fail in a filter before Spring MVC
 * (token checks read the database), is answered 503 problem+json with Retry-After; never a 500, never the
 * container's plain JSON error page. The controllers' own failures get the same answer from ProblemHandler.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final ObjectMapper json;

    public DatabaseOutageFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseOutage.isCauseOf(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("{} {} answered 503: the database is unavailable ({})", request.getMethod(), request.getRequestURI(), e.toString());
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter());
            Problems.write(response, json, problem());
        }
    }

    /** The answer for ProblemHandler, for failures inside a controller. */
    public static ResponseEntity<ProblemDetail> answer(Exception e) {
        log.warn("Answered 503: the database is unavailable ({})", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, retryAfter()).body(problem());
    }

    private static ProblemDetail problem() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                "The database cannot be reached at the moment; nothing was stored. Try again in a few seconds.");
    }

    private static String retryAfter() {
        return Long.toString(DatabaseOutage.RETRY_AFTER.toSeconds());
    }
}
