package se.samverkan.query.security;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import se.samverkan.command.CommandServiceApplication;
import se.samverkan.query.QueryServiceApplication;
import se.samverkan.query.support.Platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repeated failed authentications from one address are answered 429 problem+json with Retry-After, on
 * both services and on the sign-in form, while a correct token from another address is served; the
 * refusal ends when the window has passed. A second instance of each service, on the platform's
 * database, runs with a small limit and window (the shared instances allow many failures, because every
 * test calls from the same address). The two addresses are 127.0.0.1 and ::1.
 */
class AuthenticationThrottleIT {

    private static final int MAX_FAILURES = 5;
    // long enough that five failures fit in it on a loaded machine; the refusal tests then wait it out
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext commandService;
    private static ConfigurableApplicationContext queryService;

    @BeforeAll
    static void start() {
        Platform platform = Platform.get();
        HikariDataSource database = platform.queryService().getBean(HikariDataSource.class);
        String[] settings = {"--server.port=0",
                "--samverkan.db.url=" + database.getJdbcUrl(),
                "--samverkan.db.user=" + database.getUsername(),
                "--samverkan.db.password=" + database.getPassword(),
                "--samverkan.data-dir=" + platform.queryService().getEnvironment().getProperty("samverkan.data-dir"),
                "--samverkan.admin-token=" + Platform.ADMIN_TOKEN,
                "--samverkan.auth-throttle.max-failures=" + MAX_FAILURES,
                "--samverkan.auth-throttle.window=" + WINDOW.toMillis() + "ms"};
        commandService = CommandServiceApplication.builder().run(settings);
        queryService = QueryServiceApplication.builder().run(settings);
    }

    @AfterAll
    static void stop() {
        if (queryService != null) {
            queryService.close();
        }
        if (commandService != null) {
            commandService.close();
        }
    }

    @Test
    void theQueryServiceRefusesAnAddressWithTooManyWrongTokensButServesAnother() throws Exception {
        refusesAfterTooManyFailures(queryService, "/api/projects");
    }

    @Test
    void theCommandServiceRefusesAnAddressWithTooManyWrongTokensButServesAnother() throws Exception {
        // a correct ADMIN token with an empty body: through the door, the answer is a 422 about the fields
        refusesAfterTooManyFailures(commandService, "/api/organisations");
    }

    @Test
    void theSignInFormIsThrottledToo() throws Exception {
        String v6 = base(queryService, "[::1]");
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(signIn(v6, "wrong-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = signIn(v6, "wrong-again");
        assertTooMany(refused);
        // even the right token waits: the address is refused before its token is looked at
        assertTooMany(signIn(v6, Platform.ADMIN_TOKEN));
        assertThat(signIn(base(queryService, "127.0.0.1"), Platform.ADMIN_TOKEN).statusCode()).isEqualTo(303);
        awaitRetryAfter(refused);
        assertThat(signIn(v6, Platform.ADMIN_TOKEN).statusCode()).isEqualTo(303);
    }

    private static void refusesAfterTooManyFailures(ConfigurableApplicationContext service, String path) throws Exception {
        String v4 = base(service, "127.0.0.1");
        String v6 = base(service, "[::1]");
        boolean post = service == commandService;
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(call(v4, path, "wrong-token-" + i, post).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = call(v4, path, "wrong-token", post);
        assertTooMany(refused);
        assertTooMany(call(v4, path, Platform.ADMIN_TOKEN, post));

        int served = call(v6, path, Platform.ADMIN_TOKEN, post).statusCode();
        assertThat(served).as("a correct token from another address").isNotIn(401, 403, 429).isLessThan(500);

        awaitRetryAfter(refused);
        assertThat(call(v4, path, Platform.ADMIN_TOKEN, post).statusCode()).isEqualTo(served);
    }

    private static void assertTooMany(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"status\":429", "Too many failed authentications");
        long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, WINDOW.toSeconds());
    }

    private static void awaitRetryAfter(HttpResponse<String> refused) throws InterruptedException {
        Thread.sleep(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) * 1000 + 100);
    }

    private static String base(ConfigurableApplicationContext service, String host) {
        return "http://" + host + ":" + service.getEnvironment().getProperty("local.server.port");
    }

    private static HttpResponse<String> call(String base, String path, String token, boolean post)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
        if (post) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> signIn(String base, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&next=%2F")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
