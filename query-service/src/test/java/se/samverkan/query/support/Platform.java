package se.samverkan.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.command.CommandServiceApplication;
import se.samverkan.command.scenario.ScenarioPlayer;
import se.samverkan.query.QueryServiceApplication;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform for end-to-end tests, as ops/run starts it: the command service with its
 * embedded PostgreSQL in a fresh data folder, and the query service finding it there. One instance
 * per test JVM (started on first use, stopped at exit), shared by the test classes.
 */
public final class Platform {

    public static final String ADMIN_TOKEN = "e2e-admin-token";
    /** Coompanion Värmland, the scenario's beneficiary: registered once the scenario has played. */
    public static final String SCENARIO_BENEFICIARY = "769604-7237";
    public static final Path SCENARIO = Path.of("../ops/scenarios/social-innovation-varmland.json");
    public static final String WEBHOOK_RETRY_SCHEDULE = "200ms,400ms,800ms";
    public static final String CONSISTENCY_WAIT = "2s";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Platform instance;

    private final ConfigurableApplicationContext commandService;
    private final ConfigurableApplicationContext queryService;
    private final HttpClient http = HttpClient.newHttpClient();
    private boolean scenarioPlayed;

    public record Answer(int status, String body, HttpResponse<String> response) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private Platform() throws IOException {
        Path dataDir = Files.createTempDirectory("samverkan-e2e-");
        String[] settings = {"--server.port=0", "--samverkan.data-dir=" + dataDir, "--samverkan.db.url=",
                "--samverkan.admin-token=" + ADMIN_TOKEN,
                // webhook tests deliver to a receiver on loopback and wait for retries in fractions of a second
                "--samverkan.webhook.allow-private=true", "--samverkan.webhook.retry-schedule=" + WEBHOOK_RETRY_SCHEDULE,
                // every test calls from the same address, many with wrong tokens on purpose; AuthenticationThrottleIT
                // checks the throttle on instances of its own
                "--samverkan.auth-throttle.max-failures=1000000",
                // a read waiting for a position that never comes answers 503 after this (ReadYourWritesIT)
                "--samverkan.consistency-wait=" + CONSISTENCY_WAIT};
        commandService = CommandServiceApplication.builder().run(settings);
        String[] querySettings = java.util.stream.Stream.concat(java.util.Arrays.stream(settings),
                // the pages' writes are forwarded to this command service (CommandForwarding)
                java.util.stream.Stream.of("--samverkan.command-url=" + commandUrl())).toArray(String[]::new);
        queryService = QueryServiceApplication.builder().run(querySettings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            queryService.close();
            commandService.close();
        }));
    }

    public static synchronized Platform get() {
        if (instance == null) {
            try {
                instance = new Platform();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String commandUrl() {
        return "http://localhost:" + commandService.getEnvironment().getProperty("local.server.port");
    }

    public String queryUrl() {
        return "http://localhost:" + queryService.getEnvironment().getProperty("local.server.port");
    }

    public ConfigurableApplicationContext queryService() {
        return queryService;
    }

    public ConfigurableApplicationContext commandService() {
        return commandService;
    }

    public JdbcTemplate jdbc() {
        return queryService.getBean(JdbcTemplate.class);
    }

    /** Plays the real scenario once per JVM; fails the caller if any step answers unexpectedly. */
    public synchronized void playScenarioOnce() {
        if (scenarioPlayed) {
            return;
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try {
            ScenarioPlayer.Outcome outcome = new ScenarioPlayer(URI.create(commandUrl()), URI.create(queryUrl()), ADMIN_TOKEN,
                    new PrintStream(log, true)).play(SCENARIO);
            if (!outcome.complete()) {
                throw new AssertionError("the scenario did not play through:\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        scenarioPlayed = true;
    }

    public Answer command(String method, String path, String token, Object body) {
        return send(commandUrl(), method, path, token, body, Map.of());
    }

    public Answer query(String path, String token) {
        return send(queryUrl(), "GET", path, token, null, Map.of());
    }

    public Answer send(String base, String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A project of its own for a test, with work package 1 (2024 to 2026), its beneficiary the scenario's (so the
     * scenario is played first).
     */
    public void createProject(String id, String name) {
        playScenarioOnce();
        expect(201, command("POST", "/api/projects", ADMIN_TOKEN, Map.of("id", id, "caseId", id, "name", name,
                "programme", "Test", "periodStart", "2024-01-01", "periodEnd", "2026-12-31",
                "beneficiaryOrgNumber", SCENARIO_BENEFICIARY)));
        expect(201, command("POST", "/api/projects/" + id + "/work-packages", ADMIN_TOKEN,
                Map.of("number", 1, "name", "Test", "plannedStart", "2024-01-01", "plannedEnd", "2026-12-31")));
    }

    /** A meeting in work package 1 without organisations or participants: an event of the project, and no figure. */
    public void recordMeeting(String project, String id, String title) {
        expect(201, command("POST", "/api/projects/" + project + "/meetings", ADMIN_TOKEN, Map.of(
                "id", id, "workPackage", 1, "kind", "CHECK_IN", "date", "2024-06-03", "title", title,
                "organisations", List.of(), "participants", Map.of("women", 0, "men", 0, "other", 0), "notes", "")));
    }

    /** A JSON object body with its keys in the order given (Map.of has no order and takes at most ten pairs). */
    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    /** The global index of the aggregate's first event, as stored. */
    public long globalIndexOf(String aggregateId) {
        return jdbc().queryForObject("SELECT min(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregateId);
    }

    /** Fails, showing the body, unless the answer has this status; returns it to read on. */
    public static Answer expect(int status, Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return answer;
    }

    /** The JSON of a 200 answer; fails, showing the body, on any other status. */
    public static JsonNode expectJson(Answer answer) {
        return expect(200, answer).json();
    }

    /** Fails unless the answer is a problem+json of this status whose detail tells (contains) detailPart. */
    public static void expectProblem(Answer answer, int status, String detailPart) {
        expect(status, answer);
        assertThat(answer.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asText()).contains(detailPart);
    }

    /** Issues a token through the command service and waits until the query service accepts it. */
    public String issueToken(String role, List<String> projects) {
        Answer issued = command("POST", "/api/admin/tokens", ADMIN_TOKEN, Map.of("name", "e2e " + role, "role", role, "projects", projects));
        if (issued.status() != 201) {
            throw new AssertionError("token not issued: " + issued.body());
        }
        String token = issued.json().get("token").asText();
        awaitQuery("/actuator/info", token, answer -> answer.status() != 401, Duration.ofSeconds(10));
        return token;
    }

    /** Polls a query until the answer satisfies the condition (read models are eventually consistent). */
    public Answer awaitQuery(String path, String token, Predicate<Answer> condition, Duration timeout) {
        AtomicReference<Answer> last = new AtomicReference<>();
        try {
            return await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        last.set(query(path, token));
                        return last.get();
                    }, condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no satisfying answer from " + path + " within " + timeout + "; last: "
                    + last.get().status() + " " + last.get().body());
        }
    }
}
