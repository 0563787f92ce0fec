package se.samverkan.command.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.samverkan.command.CommandServiceApplication;
import se.samverkan.command.scenario.ScenarioPlayer.Outcome;
import se.samverkan.command.scenario.ScenarioPlayer.StepResult;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the real Social Innovation Värmland scenario (the project's copy in ops/scenarios) with the
 * shipped player against a command service on a fresh embedded PostgreSQL, twice: the second time
 * every create must answer as the first time did (idempotent import) and store nothing new.
 */
class ScenarioIT {

    private static final Path SCENARIO = Path.of("../ops/scenarios/social-innovation-varmland.json");
    private static final String ADMIN_TOKEN = "scenario-admin-token";

    @Test
    void everyStepOfTheRealScenarioAnswersAsExpectedAndAReplayStoresNothingNew() throws Exception {
        Path dataDir = Files.createTempDirectory("samverkan-scenario-");
        try (ConfigurableApplicationContext service = CommandServiceApplication.builder()
                .run("--server.port=0", "--samverkan.data-dir=" + dataDir, "--samverkan.db.url=",
                        "--samverkan.admin-token=" + ADMIN_TOKEN)) {
            URI url = URI.create("http://localhost:" + service.getEnvironment().getProperty("local.server.port"));
            JsonNode scenario = new ObjectMapper().readTree(SCENARIO.toFile());
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);

            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Outcome first = new ScenarioPlayer(url, url, ADMIN_TOKEN, new PrintStream(log, true)).play(SCENARIO);
            assertThat(first.complete()).as(log.toString()).isTrue();
            assertThat(first.results()).hasSize(scenario.get("steps").size());
            for (StepResult result : first.results()) {
                assertThat(result.status()).as("step %d %s %s", result.step().number(), result.step().method(), result.step().path())
                        .isEqualTo(scenario.get("steps").get(result.step().number() - 1).get("expect").asInt());
            }
            assertThat(log.toString()).contains("All 75 steps answered as expected.");
            long eventsAfterFirst = countDomainEvents(jdbc);

            ByteArrayOutputStream replayLog = new ByteArrayOutputStream();
            Outcome again = new ScenarioPlayer(url, url, ADMIN_TOKEN, new PrintStream(replayLog, true)).play(SCENARIO);
            assertThat(again.complete()).as(replayLog.toString()).isTrue();
            // only the replay's two new tokens are new events
            assertThat(countDomainEvents(jdbc)).isEqualTo(eventsAfterFirst + 2);

            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'siv'", Long.class))
                    .as("project siv: created, 4 work packages planned, 4 started, 1 completed, 4 indicators, 4 outcomes").isEqualTo(18);
        }
    }

    private static long countDomainEvents(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
