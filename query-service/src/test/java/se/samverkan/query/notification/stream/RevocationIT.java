package se.samverkan.query.notification.stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.Platform;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A revoked token loses everything within 5 s (DESIGN.md, Consistency): both services refuse it, event
 * streams it opened before the revocation end, and browser sessions started with it end (the next page
 * is refused and their open streams close). A stream of a session that signs out ends too.
 */
class RevocationIT {

    private static final Duration CONTRACT = Duration.ofSeconds(5);
    private static Platform platform;

    @BeforeAll
    static void scenario() {
        platform = Platform.get();
        platform.playScenarioOnce();
    }

    @Test
    void streamsAndSessionsOfARevokedTokenEndAndBothServicesRefuseIt() throws Exception {
        Platform.Answer issued = platform.command("POST", "/api/admin/tokens", Platform.ADMIN_TOKEN,
                Map.of("name", "to be revoked", "role", "COORDINATOR", "projects", List.of("siv")));
        assertThat(issued.status()).isEqualTo(201);
        String token = issued.json().get("token").asText();
        platform.awaitQuery("/api/projects/siv", token, answer -> answer.status() == 200, CONTRACT);
        String cookie = signIn(token);
        assertThat(page("/projects/siv", cookie).statusCode()).isEqualTo(200);

        try (SseClient bearerStream = SseClient.open(streamUrl(), token, Map.of());
             SseClient sessionStream = SseClient.open(streamUrl(), null, Map.of("Cookie", cookie))) {
            assertThat(bearerStream.status()).isEqualTo(200);
            assertThat(sessionStream.status()).isEqualTo(200);
            bearerStream.awaitComment(CONTRACT);
            sessionStream.awaitComment(CONTRACT);
            assertThat(bearerStream.awaitEnd(Duration.ofMillis(1500))).as("a valid token's stream stays open").isFalse();

            assertThat(platform.command("DELETE", "/api/admin/tokens/" + issued.json().get("id").asText(),
                    Platform.ADMIN_TOKEN, null).status()).isEqualTo(204);

            assertThat(bearerStream.awaitEnd(CONTRACT)).as("the Bearer stream ends within 5 s").isTrue();
            assertThat(sessionStream.awaitEnd(CONTRACT)).as("the session's stream ends within 5 s").isTrue();
        }
        // refused at once: the revocation is read from the event store, not only from the projection
        assertThat(platform.query("/api/projects/siv", token).status()).isEqualTo(401);
        assertThat(platform.command("POST", "/api/projects/siv/partners", token, Map.of()).status()).isEqualTo(401);
        HttpResponse<String> refusedPage = page("/projects/siv", cookie);
        assertThat(refusedPage.statusCode()).isEqualTo(302);
        assertThat(refusedPage.headers().firstValue("Location").orElseThrow()).contains("/sign-in?next=");
        try (SseClient refused = SseClient.open(streamUrl(), token, Map.of())) {
            assertThat(refused.status()).isEqualTo(401);
        }
    }

    @Test
    void aStreamOfASessionThatSignsOutEnds() throws Exception {
        String token = platform.issueToken("PARTNER", List.of("siv"));
        String cookie = signIn(token);
        try (SseClient stream = SseClient.open(streamUrl(), null, Map.of("Cookie", cookie))) {
            assertThat(stream.status()).isEqualTo(200);
            stream.awaitComment(CONTRACT);
            // the sign-out form sends the CSRF token its page handed out (PageSecurity), as a browser does
            HttpResponse<String> page = page("/projects/siv", cookie);
            assertThat(page.statusCode()).isEqualTo(200);
            String csrf = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
            HttpResponse<String> signedOut = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(platform.queryUrl() + "/sign-out")).header("Cookie", cookie + "; " + csrf)
                    .header("X-XSRF-TOKEN", csrf.substring("XSRF-TOKEN=".length()))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedOut.statusCode()).isEqualTo(303);
            assertThat(stream.awaitEnd(CONTRACT)).as("the stream of the ended session ends").isTrue();
        }
        // the token itself still works
        assertThat(platform.query("/api/projects/siv", token).status()).isEqualTo(200);
    }

    private static String streamUrl() {
        return platform.queryUrl() + "/api/projects/siv/events/stream";
    }

    private static String signIn(String token) throws IOException, InterruptedException {
        HttpResponse<String> signedIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.queryUrl() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&next=%2F")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static HttpResponse<String> page(String path, String cookie) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.queryUrl() + path))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
