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
 * Long histories (issue 9): a report with 10,000 events. Measures a command on it against the same command on a
 * fresh report (aggregates load from snapshots, the chain head is remembered), and its history and verification.
 * A benchmark, not part of ./mvnw verify (its name does not end in IT); run it with
 * {@code ./mvnw verify -pl query-service -am -Dit.test=LongHistoryBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}
 * (events: -Dbench.events=N). It prints its figures and writes them to query-service/target/benchmarks/long-history.txt.
 */
class LongHistoryBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 10_000);
    private static final int ROUNDS = 15;

    @Test
    void aCommandHistoryAndVerificationOnAReportWith10000Events() throws IOException {
        Platform platform = Platform.get();
        platform.playScenarioOnce();
        String coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        String longReport = draft(platform, coordinator);
        long writeStart = System.nanoTime();
        for (int i = 1; i < EVENTS; i++) {
            check(edit(platform, coordinator, longReport, i));
        }
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        String freshReport = draft(platform, coordinator);

        int[] counter = {EVENTS};
        long commandOnFresh = medianMillis(() -> edit(platform, coordinator, freshReport, counter[0]++));
        long commandOnLong = medianMillis(() -> edit(platform, coordinator, longReport, counter[0]++));
        long history = medianMillis(() -> platform.query("/api/reports/" + longReport + "/history", Platform.ADMIN_TOKEN));
        long verification = medianMillis(() -> platform.query("/api/reports/" + longReport + "/verification", Platform.ADMIN_TOKEN));
        JsonNode verified = platform.query("/api/reports/" + longReport + "/verification", Platform.ADMIN_TOKEN).json();
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verified.get("events").asInt()).isGreaterThanOrEqualTo(EVENTS);

        String figures = String.format("""
                Long-history benchmark: one report with %d+ events (%d rounds each, median, over HTTP on loopback)
                  PUT answer, fresh report      %d ms
                  PUT answer, long report       %d ms   (target: within 2x the fresh report)
                  history                       %d ms   (target: 300 ms)
                  verification                  %d ms   (target: 300 ms)
                  (writing the %d events through the command API took %.1f s)
                """, EVENTS, ROUNDS, commandOnFresh, commandOnLong, history, verification, EVENTS, writeSeconds);
        System.out.println(figures);
        Path out = Path.of("target/benchmarks/long-history.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, figures);
    }

    private static String draft(Platform platform, String coordinator) {
        String reportId = "long-" + UUID.randomUUID().toString().substring(0, 8);
        check(platform.command("POST", "/api/projects/siv/reports", coordinator, Map.of("id", reportId,
                "number", 400_000 + (int) (Math.random() * 100_000), "periodStart", "2024-06-01", "periodEnd", "2024-09-30")));
        return reportId;
    }

    private static Answer edit(Platform platform, String coordinator, String reportId, int i) {
        return platform.command("PUT", "/api/reports/" + reportId + "/answers/" + (i % 2 == 0 ? "communication" : "revenue"),
                coordinator, Map.of("answer", "YES", "text", "Edit number " + i));
    }

    private static void check(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
    }

    private static long medianMillis(Supplier<Answer> request) {
        check(request.get()); // warm-up
        check(request.get());
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            check(request.get());
            times.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }
}
