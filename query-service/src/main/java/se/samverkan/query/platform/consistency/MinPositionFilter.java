package se.samverkan.query.platform.consistency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import se.samverkan.platform.web.Problems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Read-your-writes: a request that sends {@code Samverkan-Min-Position: N} (or {@code ?minPosition=N}), N being a
 * {@code Samverkan-Position} the command service answered, is served only once the read models have processed N.
 * It waits at most the consistency wait, then answers 503 with Retry-After rather than a stale answer. Runs after
 * authentication, so that nobody unknown makes the service wait.
 */
public class MinPositionFilter extends OncePerRequestFilter {

    public static final String HEADER = "Samverkan-Min-Position";
    public static final String PARAMETER = "minPosition";
    static final int RETRY_AFTER_SECONDS = 1;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,18}");
    /** Only the subscription pages and API read what the webhook outbox writes; nothing else waits for it. */
    private static final String WEBHOOK_OUTBOX = "webhook-outbox";

    private final ProcessedPositions positions;
    private final ConsistencySettings settings;
    private final ObjectMapper json;

    public MinPositionFilter(ProcessedPositions positions, ConsistencySettings settings, ObjectMapper json) {
        this.positions = positions;
        this.settings = settings;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HEADER);
        String parameter = queryParameter(request);
        if (header == null && parameter == null) {
            chain.doFilter(request, response);
            return;
        }
        long position;
        try {
            position = Math.max(parse(HEADER + " header", header), parse("parameter " + PARAMETER, parameter));
        } catch (IllegalArgumentException e) {
            Problems.write(response, json, Problems.of(HttpStatus.BAD_REQUEST, "bad-min-position", "Bad minimum position",
                    e.getMessage()));
            return;
        }
        Predicate<String> readModels = readModelsOf(request.getRequestURI());
        boolean reached;
        try {
            reached = positions.awaitProcessed(position, readModels, settings.consistencyWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reached = false;
        }
        if (!reached) {
            ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "not-yet-consistent", "Not up to date yet",
                    "The read models have not processed position " + position + " within " + settings.consistencyWait().toMillis()
                            + " ms (they are at " + positions.lowestPosition(readModels) + "); try again in a moment.");
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            Problems.write(response, json, problem);
            return;
        }
        chain.doFilter(request, response);
    }

    static Predicate<String> readModelsOf(String path) {
        boolean subscriptions = path.startsWith("/api/subscriptions") || path.startsWith("/subscriptions");
        return subscriptions ? processor -> true : processor -> !WEBHOOK_OUTBOX.equals(processor);
    }

    /** From the query string only: a form body is not read here. */
    private static String queryParameter(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || !query.contains(PARAMETER)) {
            return null;
        }
        String raw = UriComponentsBuilder.newInstance().query(query).build().getQueryParams().getFirst(PARAMETER);
        return raw == null ? null : UriUtils.decode(raw, StandardCharsets.UTF_8);
    }

    private static long parse(String where, String value) {
        if (value == null) {
            return 0;
        }
        String trimmed = value.trim();
        if (!WHOLE_NUMBER.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("The " + where + " must be a global event index as answered in Samverkan-Position"
                    + " (a whole number, 0 or more), not '" + abbreviated(value) + "'.");
        }
        return Long.parseLong(trimmed);
    }

    private static String abbreviated(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
