package se.samverkan.query.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.platform.web.Problems;
import se.samverkan.query.security.AccessTokens;
import se.samverkan.query.security.AuthenticationFilter;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The pages' writes on the pages' own origin: {@code POST|PUT|DELETE /command/api/...} is forwarded to
 * the command service's {@code /api/...} in the name of the signed-in session (its token as the Bearer
 * header; a request that carries its own Bearer header is forwarded with that one). The command
 * service's status, ETag, Samverkan-Position and body come back unchanged, so the pages see exactly the
 * API's answers, 422 field messages included. Rules live only in the command service.
 */
@RestController
public class CommandForwarding {

    public static final String PREFIX = "/command";
    private static final Logger log = LoggerFactory.getLogger(CommandForwarding.class);
    /** The same limit as both services' bodies; a larger one is refused here without sending it on. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "If-Match", "Accept", "X-Correlation-Id");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "ETag", "Samverkan-Position", "Location",
            "Retry-After", "X-Correlation-Id", "WWW-Authenticate");

    private final URI commandService;
    private final ObjectMapper json;
    private final AccessTokens tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public CommandForwarding(@Value("${samverkan.command-url}") String commandUrl, ObjectMapper json, AccessTokens tokens) {
        this.tokens = tokens;
        this.commandService = URI.create(commandUrl.endsWith("/") ? commandUrl.substring(0, commandUrl.length() - 1) : commandUrl);
        this.json = json;
    }

    @RequestMapping(path = PREFIX + "/api/**", method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE})
    public void forward(HttpServletRequest request, HttpServletResponse response,
                        @CookieValue(name = AuthenticationFilter.SESSION_COOKIE, required = false) String sessionId)
            throws IOException, InterruptedException {
        Optional<String> authorization = Optional.ofNullable(request.getHeader("Authorization"))
                .or(() -> Optional.ofNullable(sessionId).flatMap(tokens::sessionToken).map(token -> "Bearer " + token));
        if (authorization.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "This session was started before writes were possible from the pages: sign in again."));
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            Problems.write(response, json, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Payload Too Large",
                    "The body is larger than 1 MiB."));
            return;
        }
        String path = request.getRequestURI().substring(PREFIX.length());
        String query = request.getQueryString();
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(commandService + path + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(15))
                .method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", authorization.get());
        for (String name : REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                forwarded.header(name, value);
            }
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpTimeoutException e) {
            log.warn("the command service at {} did not answer a forwarded write: {}", commandService, e.toString());
            response.setHeader("Retry-After", "5");
            Problems.write(response, json, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "Service Unavailable", "The command service does not answer right now; nothing was stored. Try again shortly."));
            return;
        }
        response.setStatus(answer.statusCode());
        for (String name : RESPONSE_HEADERS) {
            answer.headers().firstValue(name).ifPresent(value -> response.setHeader(name, value));
        }
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(answer.body());
    }
}
