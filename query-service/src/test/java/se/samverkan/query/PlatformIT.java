package se.samverkan.query;

import org.junit.jupiter.api.Test;
import se.samverkan.query.support.Platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Both services on one embedded PostgreSQL, as ops/run starts them. */
class PlatformIT {

    private final Platform platform = Platform.get();

    @Test
    void eachServiceKeepsItsTablesInItsOwnSchemaBesideTheSharedEventStore() {
        List<Map<String, Object>> tables = platform.jdbc().queryForList(
                "SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('access_token', 'domain_event_entry')");
        assertThat(tables).extracting(row -> row.get("table_schema") + "." + row.get("table_name"))
                .containsExactlyInAnyOrder("command.access_token", "query.access_token", "public.domain_event_entry");
    }

    @Test
    void aTokenIssuedOnTheCommandSideIsAcceptedByTheQueryServiceAndARevokedOneIsNot() {
        Platform.Answer issued = platform.command("POST", "/api/admin/tokens", Platform.ADMIN_TOKEN,
                Map.of("name", "reader", "role", "PARTNER", "projects", List.of("siv")));
        assertThat(issued.status()).isEqualTo(201);
        String token = issued.json().get("token").asText();
        platform.awaitQuery("/actuator/health", token, answer -> answer.status() == 200, Duration.ofSeconds(1));
        assertThat(platform.query("/api/no-such-thing", "not-a-token").status()).isEqualTo(401);
        assertThat(platform.query("/api/no-such-thing", null).response().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        platform.awaitQuery("/api/no-such-thing", token, answer -> answer.status() == 404, Duration.ofSeconds(1));

        String tokenId = issued.json().get("id").asText();
        assertThat(platform.command("DELETE", "/api/admin/tokens/" + tokenId, Platform.ADMIN_TOKEN, null).status()).isEqualTo(204);
        platform.awaitQuery("/api/no-such-thing", token, answer -> answer.status() == 401, Duration.ofSeconds(1));
    }

    @Test
    void metricsNeedAnAdminToken() {
        String partner = platform.issueToken("PARTNER", List.of());
        assertThat(platform.query("/actuator/prometheus", partner).status()).isEqualTo(403);
        assertThat(platform.query("/actuator/prometheus", Platform.ADMIN_TOKEN).status()).isEqualTo(200);
    }
}
