package se.samverkan.query.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.Platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' writes on the query service's origin: forwarded to the command service in the session's
 * name with the command service's answer unchanged, and refused without the CSRF token.
 */
class CommandForwardingIT {

    private static final Platform platform = Platform.get();
    private static String coordinator;

    @BeforeAll
    static void scenario() {
        platform.playScenarioOnce();
        coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
    }

    @Test
    void aSessionWriteWithItsCsrfTokenIsForwardedAndAnsweredAsTheCommandServiceAnswers() {
        CookieSession session = CookieSession.signIn(platform, coordinator);
        String id = "fwd-" + UUID.randomUUID().toString().substring(0, 8);

        Platform.Answer recorded = session.write("POST", "/command/api/projects/siv/meetings", meeting(id, "Forwarded check-in"),
                Map.of(PageSecurity.CSRF_HEADER, session.csrfToken()));

        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(recorded.json().path("id").asText()).isEqualTo(id);
        assertThat(recorded.response().headers().firstValue("ETag")).hasValue("\"1\"");
        // the same request again is the idempotent create, answered as the first time through the command service itself
        Platform.Answer direct = platform.command("POST", "/api/projects/siv/meetings", coordinator, meeting(id, "Forwarded check-in"));
        assertThat(direct.status()).isEqualTo(201);
        assertThat(direct.response().headers().firstValue("Samverkan-Position"))
                .isEqualTo(recorded.response().headers().firstValue("Samverkan-Position"));
        // it was recorded in the session token's name: the activity shows up for that token's reads
        platform.awaitQuery("/api/projects/siv/activities", coordinator,
                answer -> answer.status() == 200 && answer.body().contains(id), java.time.Duration.ofSeconds(10));
    }

    @Test
    void theCommandServicesValidationProblemComesBackUnchanged() {
        CookieSession session = CookieSession.signIn(platform, coordinator);
        Map<String, Object> broken = meeting("fwd-" + UUID.randomUUID().toString().substring(0, 8), "");
        broken.put("workPackage", 99);

        Platform.Answer forwarded = session.write("POST", "/command/api/projects/siv/meetings", broken,
                Map.of(PageSecurity.CSRF_HEADER, session.csrfToken()));
        Platform.Answer direct = platform.command("POST", "/api/projects/siv/meetings", coordinator, broken);

        assertThat(direct.status()).isEqualTo(422);
        assertThat(forwarded.status()).isEqualTo(422);
        assertThat(forwarded.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode errors = forwarded.json().path("errors");
        assertThat(errors).isEqualTo(direct.json().path("errors"));
        assertThat(errors.toString()).contains("title");
    }

    @Test
    void aSessionWriteWithoutTheCsrfTokenIsRefusedAndStoresNothing() {
        CookieSession session = CookieSession.signIn(platform, coordinator);
        String id = "fwd-" + UUID.randomUUID().toString().substring(0, 8);

        Platform.Answer refused = session.write("POST", "/command/api/projects/siv/meetings", meeting(id, "Forged"), Map.of());
        Platform.Answer wrongToken = session.write("POST", "/command/api/projects/siv/meetings", meeting(id, "Forged"),
                Map.of(PageSecurity.CSRF_HEADER, "not-the-token"));

        for (Platform.Answer answer : List.of(refused, wrongToken)) {
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(answer.json().path("detail").asText()).contains("CSRF");
        }
        // had the forged meeting been stored, the same id with another body would be a 409
        Platform.Answer afterwards = platform.command("POST", "/api/projects/siv/meetings", coordinator, meeting(id, "The real one"));
        assertThat(afterwards.status()).as(afterwards.body()).isEqualTo(201);
    }

    @Test
    void aCookieSessionFormPostOnTheQueryServiceNeedsTheTokenToo() {
        CookieSession session = CookieSession.signIn(platform, coordinator);

        Platform.Answer subscription = session.write("POST", "/api/subscriptions",
                Map.of("url", "https://example.org/hook", "eventTypes", List.of(), "projects", List.of("siv")), Map.of());

        assertThat(subscription.status()).isEqualTo(403);
        assertThat(subscription.json().path("type").asText()).endsWith("/csrf");
    }

    @Test
    void aBearerRequestNeedsNoCsrfTokenAndAnUnknownSessionIsUnauthorized() {
        String id = "fwd-" + UUID.randomUUID().toString().substring(0, 8);
        Platform.Answer bearer = platform.send(platform.queryUrl(), "POST", "/command/api/projects/siv/meetings", coordinator,
                meeting(id, "Bearer through the query service"), Map.of());
        assertThat(bearer.status()).as(bearer.body()).isEqualTo(201);

        Platform.Answer noCaller = platform.send(platform.queryUrl(), "POST", "/command/api/projects/siv/meetings", null,
                meeting(id, "Nobody"), Map.of());
        assertThat(noCaller.status()).isEqualTo(401);
        assertThat(noCaller.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    private static Map<String, Object> meeting(String id, String title) {
        Map<String, Object> meeting = new HashMap<>();
        meeting.put("id", id);
        meeting.put("workPackage", 4);
        meeting.put("kind", "CHECK_IN");
        meeting.put("date", "2024-06-11");
        meeting.put("title", title);
        meeting.put("organisations", List.of());
        meeting.put("participants", Map.of("women", 1, "men", 1, "other", 0));
        meeting.put("notes", "");
        return meeting;
    }
}
