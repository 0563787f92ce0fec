package se.samverkan.command.support;

import org.junit.jupiter.api.BeforeEach;
import se.samverkan.command.CommandServiceApplication;
import se.samverkan.events.testing.OrgNumbers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the integration tests: the real command service on a random port, on its own embedded
 * PostgreSQL in a fresh data folder (shared by all test classes through Spring's context cache).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = CommandServiceApplication.CONFIG_NAME)
public abstract class CommandServiceIT {

    public static final String ADMIN_TOKEN = "it-admin-token";
    private static final Path DATA_DIR;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("samverkan-it-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("samverkan.data-dir", DATA_DIR::toString);
        registry.add("samverkan.admin-token", () -> ADMIN_TOKEN);
        registry.add("samverkan.db.url", () -> "");
        // the tests share one client address and send wrong tokens on purpose
        registry.add("samverkan.auth-throttle.max-failures", () -> "1000000");
        // @SpringBootTest switches metric exporters off; the metrics tests scrape /actuator/prometheus
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi("http://localhost:" + port);
    }

    /** A fresh id, so that tests sharing the database never collide. */
    protected static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Fails with the answer's body unless it has the status (a refusal as problem+json); the answer, for further checks. */
    protected static HttpApi.Answer expect(int status, HttpApi.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        if (status >= 400) {
            assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/problem+json");
        }
        return answer;
    }

    /** The fields a 422 answer names, in its order. */
    protected static List<String> fields(HttpApi.Answer answer) {
        return answer.json().get("errors").findValuesAsText("field");
    }

    /** Registers an organisation of the category under a random Swedish number; its number. */
    protected String registerOrganisation(String category) {
        String number = OrgNumbers.randomSwedish();
        expect(201, api.post(ADMIN_TOKEN, "/api/organisations", Map.of("id", uniqueId("org"), "orgNumber", number,
                "name", "Organisation " + number, "country", "SE", "category", category)));
        return number;
    }

    protected String issueToken(String role, List<String> projects) {
        HttpApi.Answer answer = api.post(ADMIN_TOKEN, "/api/admin/tokens",
                Map.of("name", "test " + role, "role", role, "projects", projects));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("token").asText();
    }
}
