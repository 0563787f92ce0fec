package se.samverkan.command.platform;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.command.CommandServiceApplication;
import se.samverkan.command.support.HttpApi;
import se.samverkan.platform.database.DatabaseLocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no database configured the command service runs a real PostgreSQL in SAMVERKAN_DATA_DIR; what
 * was written before a restart is there after it, and an unset admin token is generated only once.
 */
class EmbeddedPostgresRestartIT {

    private static ConfigurableApplicationContext start(Path dataDir) {
        return CommandServiceApplication.builder()
                .run("--server.port=0", "--samverkan.data-dir=" + dataDir, "--samverkan.db.url=", "--samverkan.admin-token=");
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return new HttpApi("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void dataWrittenBeforeARestartIsThereAfterIt() throws Exception {
        Path dataDir = Files.createTempDirectory("samverkan-restart-");
        Map<String, Object> organisation = Map.of("id", "restart-org", "orgNumber", "769604-7237",
                "name", "Coompanion Värmland", "country", "SE", "category", "CIVIL_SOCIETY");
        String adminToken;
        String firstUrl;

        try (ConfigurableApplicationContext first = start(dataDir)) {
            firstUrl = DatabaseLocation.readFrom(dataDir).orElseThrow().jdbcUrl();
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            // No admin token was configured, so one was generated and printed; only its hash is kept.
            assertThat(jdbc.queryForObject("SELECT count(*) FROM access_token WHERE token_id = 'bootstrap-admin'", Long.class)).isOne();
            adminToken = issueAdminTokenDirectly(first);
            HttpApi.Answer created = api(first).post(adminToken, "/api/organisations", organisation);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(DatabaseLocation.readFrom(dataDir).orElseThrow().jdbcUrl()).isEqualTo(firstUrl);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'restart-org'",
                    Long.class)).isOne();
            // still only the one generated admin token: it is not generated again on a restart
            assertThat(jdbc.queryForObject("SELECT count(*) FROM access_token WHERE token_id = 'bootstrap-admin'", Long.class)).isOne();
            // the token issued before the restart still works, and the organisation is still known
            HttpApi.Answer again = api(second).post(adminToken, "/api/organisations", organisation);
            assertThat(again.status()).as(again.body()).isEqualTo(201);
            HttpApi.Answer sameNumber = api(second).post(adminToken, "/api/organisations",
                    Map.of("id", "restart-org-2", "orgNumber", "769604-7237", "name", "Copy", "country", "SE", "category", "OTHER"));
            assertThat(sameNumber.status()).as(sameNumber.body()).isEqualTo(409);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'restart-org'",
                    Long.class)).isOne();
        }
    }

    /** Issues an admin token through the command bus, as the bootstrap does, and returns its secret. */
    private static String issueAdminTokenDirectly(ConfigurableApplicationContext context) {
        String token = se.samverkan.platform.security.Tokens.newToken();
        context.getBean(org.axonframework.commandhandling.gateway.CommandGateway.class).sendAndWait(
                new se.samverkan.command.security.AccessToken.IssueAccessToken("restart-test-admin", "restart test",
                        se.samverkan.events.security.Role.ADMIN, java.util.List.of(),
                        se.samverkan.platform.security.Tokens.hash(token)));
        return token;
    }
}
