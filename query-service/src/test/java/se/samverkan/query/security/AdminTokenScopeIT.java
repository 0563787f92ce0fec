package se.samverkan.query.security;

import org.junit.jupiter.api.Test;
import se.samverkan.platform.eventstore.HashChain;
import se.samverkan.query.support.Platform;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADMIN tokens are never scoped: issuing one with projects is a 422 naming {@code projects} that stores
 * nothing, and an ADMIN token that was issued with projects before that rule is refused by both services
 * rather than given every project.
 */
class AdminTokenScopeIT {

    private final Platform platform = Platform.get();

    @Test
    void anAdminTokenWithProjectsIsRefusedAt422NamingProjects() {
        Long before = eventCount();
        Platform.Answer answer = platform.command("POST", "/api/admin/tokens", Platform.ADMIN_TOKEN,
                Map.of("name", "scoped admin", "role", "ADMIN", "projects", List.of("siv")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly("projects");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(platform.command("POST", "/api/admin/tokens", Platform.ADMIN_TOKEN,
                Map.of("name", "admin", "role", "ADMIN", "projects", List.of())).status()).isEqualTo(201);
    }

    @Test
    void aScopedAdminTokenIssuedBeforeTheRuleIsRefusedByBothServices() {
        // such a token's row, as AccessTokenIssued of an earlier version left it in both services' tables
        String token = "legacy-scoped-admin-" + UUID.randomUUID();
        String tokenId = UUID.randomUUID().toString();
        for (String schema : List.of("command", "query")) {
            platform.jdbc().update("INSERT INTO " + schema + ".access_token (token_id, name, role, projects, token_hash)"
                    + " VALUES (?, 'legacy', 'ADMIN', ARRAY['siv'], ?)", tokenId, HashChain.sha256(token));
        }
        String scopedCoordinator = platform.issueToken("COORDINATOR", List.of("siv"));

        Platform.Answer query = platform.query("/api/projects", token);
        assertThat(query.status()).isEqualTo(401);
        assertThat(query.json().get("detail").asText()).contains("ADMIN token issued with projects");
        assertThat(platform.command("POST", "/api/admin/tokens", token,
                Map.of("name", "escalation", "role", "ADMIN", "projects", List.of())).status()).isEqualTo(401);
        // a token of another role with the same scope is served as ever
        assertThat(platform.query("/api/projects/siv", scopedCoordinator).status()).isNotIn(401, 403);
    }

    private Long eventCount() {
        return platform.jdbc().queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
