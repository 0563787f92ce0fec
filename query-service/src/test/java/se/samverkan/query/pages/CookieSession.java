package se.samverkan.query.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import se.samverkan.query.support.Platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** What a browser does, without one: signs in on the query service and sends requests with its cookies. */
final class CookieSession {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final String base;

    private CookieSession(String base) {
        this.base = base;
    }

    static CookieSession signIn(Platform platform, String token) {
        CookieSession session = new CookieSession(platform.queryUrl());
        Platform.Answer answer = session.send(HttpRequest.newBuilder(URI.create(session.base + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&next=/")));
        if (answer.status() != 303) {
            throw new AssertionError("sign-in failed: " + answer.status() + " " + answer.body());
        }
        // a page sets the CSRF cookie, as the browser's first page after signing in does
        session.get("/");
        return session;
    }

    String csrfToken() {
        return cookies.getCookieStore().get(URI.create(base)).stream()
                .filter(cookie -> cookie.getName().equals(PageSecurity.CSRF_COOKIE)).map(HttpCookie::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no " + PageSecurity.CSRF_COOKIE + " cookie was set"));
    }

    Platform.Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A JSON write with the session cookie and the given extra headers (the CSRF header among them, or not). */
    Platform.Answer write(String method, String path, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            headers.forEach(request::header);
            return send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Platform.Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Platform.Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
