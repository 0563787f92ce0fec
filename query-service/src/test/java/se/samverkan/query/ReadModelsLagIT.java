package se.samverkan.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.Platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.samverkan.query.support.Platform.body;

/**
 * Every command's effect reaches the query API, through four processors (20 commands of four kinds, each read
 * through the endpoint that shows it). The lag is printed for the curious but not asserted: timings belong to
 * ops/bench, which measures them on a quiet machine (docs/benchmarks.md); here only the behaviour counts.
 */
class ReadModelsLagIT {

    private static final Platform platform = Platform.get();
    private static final int COMMANDS = 20;
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String project = "lag-" + run;

    private record Step(String method, String path, Map<String, Object> body, int expected, String query,
                        Predicate<JsonNode> visible) {
    }

    private static boolean anyWith(JsonNode array, String field, String value) {
        return array.isArray() && StreamSupport.stream(array.spliterator(), false).anyMatch(n -> n.path(field).asText().equals(value));
    }

    private Step step(int i) {
        String id = project + "-" + i;
        String base = "/api/projects/" + project;
        return switch (i % 4) {
            case 0 -> new Step("POST", base + "/meetings", body("id", id, "workPackage", 1, "kind", "CHECK_IN",
                    "date", "2024-01-" + String.format("%02d", 1 + i), "title", "Check-in " + i, "organisations", List.of(),
                    "participants", body("women", 1, "men", 1, "other", 0), "notes", ""), 201,
                    base + "/activities?workPackage=1", json -> anyWith(json, "id", id));
            case 1 -> new Step("POST", base + "/pilots", body("id", id, "name", "Pilot " + i, "challenge", "Challenge " + i,
                    "proposedByOrgNumber", "769604-7237"), 201,
                    base + "/pilots", json -> anyWith(json, "id", id));
            case 2 -> new Step("POST", base + "/indicators/users/outcomes", body("year", 2024, "value", 100 + i, "note", "n"), 201,
                    base + "/indicators", json -> json.isArray() && json.path(0).path("total").asInt() == 100 + i);
            default -> new Step("POST", base + "/work-packages", body("number", 10 + i, "name", "Package " + i,
                    "plannedStart", "2024-01-01", "plannedEnd", "2024-12-31"), 201,
                    "/api/projects/" + project, json -> anyWith(json.path("workPackages"), "name", "Package " + i));
        };
    }

    private void command(String method, String path, Map<String, Object> body, int expected) {
        Platform.Answer answer = platform.command(method, path, Platform.ADMIN_TOKEN, body);
        assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isEqualTo(expected);
    }

    @Test
    void everyCommandsEffectBecomesVisibleInItsReadModel() {
        platform.playScenarioOnce(); // the beneficiary below is one of the scenario's organisations
        command("POST", "/api/projects", body("id", project, "caseId", "lag-" + run, "name", "Lag " + run,
                "programme", "Test", "periodStart", "2024-01-01", "periodEnd", "2024-12-31",
                "beneficiaryOrgNumber", "769604-7237"), 201);
        command("POST", "/api/projects/" + project + "/work-packages", body("number", 1, "name", "Measured",
                "plannedStart", "2024-01-01", "plannedEnd", "2024-12-31"), 201);
        command("POST", "/api/projects/" + project + "/indicators", body("code", "users", "name", "Users", "unit", "users",
                "target", 1000, "countingRule", "MANUAL"), 201);
        String reader = platform.issueToken("PARTNER", List.of(project));
        platform.awaitQuery("/api/projects/" + project + "/indicators", reader,
                answer -> answer.status() == 200 && answer.json().size() == 1, Duration.ofSeconds(10));

        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            // commands come at random moments, as users send them, not in step with the processors' polling
            sleep(ThreadLocalRandom.current().nextLong(500));
            Step step = step(i);
            command(step.method(), step.path(), step.body(), step.expected());
            long accepted = System.nanoTime();
            AtomicReference<Platform.Answer> last = new AtomicReference<>();
            AtomicLong visibleAt = new AtomicLong();
            int command = i;
            try {
                await().atMost(GENEROUS).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                        .until(() -> {
                            last.set(platform.query(step.query(), reader));
                            visibleAt.set(System.nanoTime());
                            return last.get().status() == 200 && step.visible().test(last.get().json());
                        });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("command " + command + " (" + step.path() + ") not visible at " + step.query()
                        + " within " + GENEROUS.toSeconds() + " s; last answer: " + last.get().body());
            }
            lags.add((visibleAt.get() - accepted) / 1_000_000);
        }
        List<Long> sorted = lags.stream().sorted().toList();
        long median = (sorted.get(COMMANDS / 2 - 1) + sorted.get(COMMANDS / 2)) / 2;
        long max = sorted.get(COMMANDS - 1);
        System.out.println("Query lag over " + COMMANDS + " commands (command answered -> visible in the query API): median "
                + median + " ms, max " + max + " ms, all " + lags);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
