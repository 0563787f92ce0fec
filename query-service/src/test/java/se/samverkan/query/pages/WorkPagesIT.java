package se.samverkan.query.pages;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.Platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who gets which work page, and the read API the pages use, over plain HTTP. */
class WorkPagesIT {

    private static final Platform platform = Platform.get();
    private static String coordinator;
    private static String partner;
    private static String auditor;
    private static String otherCoordinator;

    @BeforeAll
    static void tokens() {
        platform.playScenarioOnce();
        coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        partner = platform.issueToken("PARTNER", List.of("siv"));
        auditor = platform.issueToken("AUDITOR", List.of("siv"));
        otherCoordinator = platform.issueToken("COORDINATOR", List.of("another-project"));
    }

    @Test
    void eachPageIsServedToTheRolesAndScopesItIsFor() {
        Map<String, Map<String, Integer>> expected = Map.of(
                "/projects/siv/activities/new", Map.of("coordinator", 200, "partner", 403, "auditor", 403, "other", 403),
                "/projects/siv/manage", Map.of("coordinator", 200, "partner", 403, "auditor", 403, "other", 403),
                "/projects/siv/reports", Map.of("coordinator", 200, "partner", 200, "auditor", 200, "other", 403),
                "/reports/siv-lagesrapport-2", Map.of("coordinator", 200, "partner", 403, "auditor", 200, "other", 403),
                "/reports/siv-lagesrapport-2/print", Map.of("coordinator", 200, "partner", 403, "auditor", 200, "other", 403),
                "/reviews", Map.of("coordinator", 403, "partner", 403, "auditor", 200, "other", 403),
                "/subscriptions", Map.of("coordinator", 200, "partner", 200, "auditor", 403, "other", 200));
        Map<String, String> tokens = Map.of("coordinator", coordinator, "partner", partner, "auditor", auditor, "other", otherCoordinator);
        expected.forEach((page, byWho) -> byWho.forEach((who, status) -> {
            Platform.Answer answer = platform.send(platform.queryUrl(), "GET", page, tokens.get(who), null, Map.of("Accept", "text/html"));
            assertThat(answer.status()).as(who + " on " + page).isEqualTo(status);
            if (status == 403) {
                assertThat(answer.body()).as(who + " on " + page).contains("data-testid=\"page-refused\"");
            }
        }));
        // role first, then scope, then existence: only a token that sees every project learns that an id names nothing
        for (String page : List.of("/reports/no-such-report", "/reports/no-such-report/print", "/projects/no-such-project/manage",
                "/projects/no-such-project/reports")) {
            assertThat(platform.send(platform.queryUrl(), "GET", page, coordinator, null, Map.of()).status()).as(page).isEqualTo(403);
            assertThat(platform.send(platform.queryUrl(), "GET", page, Platform.ADMIN_TOKEN, null, Map.of()).status()).as(page)
                    .isEqualTo(404);
        }
        assertThat(platform.send(platform.queryUrl(), "GET", "/reports/no-such-report", partner, null, Map.of()).status())
                .as("a role that may not read reports learns nothing about the id").isEqualTo(403);
    }

    @Test
    void aPathSpringSecuritysFirewallRefusesIsAProblemNotABarePage() {
        Platform.Answer refused = platform.send(platform.queryUrl(), "GET", "/api/projects/siv;x=1/dashboard", coordinator, null, Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText()).contains("malformed");
    }

    @Test
    void thePagesReadAPI() {
        Platform.Answer me = platform.query("/api/me", coordinator);
        assertThat(me.json().path("role").asText()).isEqualTo("COORDINATOR");
        assertThat(me.json().path("name").asText()).isEqualTo("e2e COORDINATOR");

        Platform.Answer byName = platform.awaitQuery("/api/organisations?q=coompanion", coordinator,
                answer -> answer.status() == 200 && answer.body().contains("769604-7237"), Duration.ofSeconds(30));
        assertThat(byName.json()).allSatisfy(o -> assertThat(o.path("name").asText().toLowerCase()).contains("coompanion"));
        Platform.Answer byDigits = platform.query("/api/organisations?q=7696047", coordinator);
        assertThat(byDigits.body()).contains("769604-7237");
        assertThat(platform.query("/api/organisations?q=coompanion", partner).status()).isEqualTo(403);
        assertThat(platform.query("/api/organisations?q=coompanion", auditor).status()).isEqualTo(403);

        Platform.Answer reports = platform.awaitQuery("/api/projects/siv/reports", coordinator,
                answer -> answer.status() == 200 && answer.body().contains("siv-lagesrapport-2"), Duration.ofSeconds(30));
        assertThat(reports.json().get(0).path("number").asInt()).isEqualTo(2);
        assertThat(platform.query("/api/projects/siv/reports", otherCoordinator).status()).isEqualTo(403);

        assertThat(platform.query("/api/reviews", coordinator).status()).isEqualTo(403);
        assertThat(platform.query("/api/reviews", auditor).status()).isEqualTo(200);

        Platform.Answer names = platform.query("/api/token-names?ids=" + me.json().path("userId").asText() + ",admin", auditor);
        assertThat(names.json().path(me.json().path("userId").asText()).asText()).isEqualTo("e2e COORDINATOR");
        assertThat(names.json().path("admin").asText()).isEqualTo("Administrator");
        assertThat(platform.query("/api/token-names?ids=admin", partner).status()).isEqualTo(403);
    }
}
