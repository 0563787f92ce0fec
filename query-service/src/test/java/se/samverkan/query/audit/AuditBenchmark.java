package se.samverkan.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.Platform;
import se.samverkan.query.support.Platform.Answer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long an auditor waits for a long report: history plus as-of for a report with 1,000 events.
 * A benchmark, not part of ./mvnw verify (its name does not end in IT). Run it with
 * {@code ./mvnw verify -pl query-service -am -Dit.test=AuditBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false};
 * it prints its figures and writes them to query-service/target/benchmarks/audit.txt.
 */
class AuditBenchmark {

    private static final int EVENTS = 1000;
    private static final int ROUNDS = 10;

    @Test
    void historyAndAsOfForAReportWith1000Events() throws IOException {
        Platform platform = Platform.get();
        platform.playScenarioOnce();
        String coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        String reportId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        check(platform.command("POST", "/api/projects/siv/reports", coordinator,
                Map.of("id", reportId, "number", 200_000 + (int) (Math.random() * 100_000), "periodStart", "2024-06-01", "periodEnd", "2024-09-30")));
        long writeStart = System.nanoTime();
        for (int i = 1; i < EVENTS; i++) {
            check(platform.command("PUT", "/api/reports/" + reportId + "/answers/" + (i % 2 == 0 ? "communication" : "revenue"),
                    coordinator, Map.of("answer", "YES", "text", "Edit number " + i)));
        }
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        String middle = platform.query("/api/reports/" + reportId + "/history", Platform.ADMIN_TOKEN).json()
                .get("events").get(EVENTS / 2).get("at").asText();

        long history = medianMillis(() -> platform.query("/api/reports/" + reportId + "/history", Platform.ADMIN_TOKEN));
        long asOf = medianMillis(() -> platform.query("/api/reports/" + reportId + "?asOf=" + middle, Platform.ADMIN_TOKEN));
        long version = medianMillis(() -> platform.query("/api/reports/" + reportId + "?version=" + EVENTS / 2, Platform.ADMIN_TOKEN));
        long verification = medianMillis(() -> platform.query("/api/reports/" + reportId + "/verification", Platform.ADMIN_TOKEN));
        JsonNode verified = platform.query("/api/reports/" + reportId + "/verification", Platform.ADMIN_TOKEN).json();
        assertThat(verified.get("events").asInt()).isEqualTo(EVENTS);
        assertThat(verified.get("valid").asBoolean()).isTrue();

        String figures = String.format("""
                Audit benchmark: one report with %d events (%d rounds each, median, over HTTP on loopback)
                  history            %d ms
                  state asOf         %d ms
                  state at version   %d ms
                  verification       %d ms
                  history + asOf     %d ms
                  (writing the %d events through the command API took %.1f s)
                """, EVENTS, ROUNDS, history, asOf, version, verification, history + asOf, EVENTS, writeSeconds);
        System.out.println(figures);
        Path out = Path.of("target/benchmarks/audit.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, figures);
    }

    private static void check(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
    }

    private static long medianMillis(Supplier<Answer> request) {
        check(request.get()); // warm-up
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            check(request.get());
            times.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(times);
        return times.get(ROUNDS / 2);
    }
}
