package se.samverkan.command.platform.metrics;

import org.junit.jupiter.api.Test;
import se.samverkan.command.support.CommandServiceIT;
import se.samverkan.command.support.HttpApi.Answer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;

/** The command service's metrics on /actuator/prometheus: commands by type and outcome, events appended, HTTP. */
class CommandServiceMetricsIT extends CommandServiceIT {

    @Test
    void countsCommandsByTypeAndOutcomeAndTheEventsTheyAppended() {
        double successBefore = sample(scrape(), "samverkan_commands_seconds_count", "outcome=\"success\"", "type=\"RegisterOrganisation\"");
        double rejectedBefore = sample(scrape(), "samverkan_commands_seconds_count", "outcome=\"rejected\"", "type=\"RegisterOrganisation\"");
        double conflictBefore = sample(scrape(), "samverkan_commands_seconds_count", "outcome=\"conflict\"", "type=\"RegisterOrganisation\"");
        double appendedBefore = sample(scrape(), "samverkan_events_appended_total", "type=\"OrganisationRegistered\"");

        Map<String, Object> first = organisation(uniqueId("org"), randomSwedish(), "SE");
        assertThat(api.post(ADMIN_TOKEN, "/api/organisations", first).status()).isEqualTo(201);
        assertThat(api.post(ADMIN_TOKEN, "/api/organisations", organisation(uniqueId("org"), randomSwedish(), "SE")).status()).isEqualTo(201);
        // the aggregate refuses a Swedish number registered as Norwegian: rejected
        assertThat(api.post(ADMIN_TOKEN, "/api/organisations", organisation(uniqueId("org"), randomSwedish(), "NO")).status()).isEqualTo(422);
        // a taken id with another body (a number of its own, so no rule stops it early) clashes on the
        // event store's key only when the unit of work commits: conflict
        Map<String, Object> clash = new HashMap<>(first);
        clash.put("orgNumber", randomSwedish());
        assertThat(api.post(ADMIN_TOKEN, "/api/organisations", clash).status()).isEqualTo(409);

        String metrics = scrape();
        assertThat(sample(metrics, "samverkan_commands_seconds_count", "outcome=\"success\"", "type=\"RegisterOrganisation\""))
                .isEqualTo(successBefore + 2);
        assertThat(sample(metrics, "samverkan_commands_seconds_count", "outcome=\"rejected\"", "type=\"RegisterOrganisation\""))
                .isEqualTo(rejectedBefore + 1);
        assertThat(sample(metrics, "samverkan_commands_seconds_count", "outcome=\"conflict\"", "type=\"RegisterOrganisation\""))
                .isEqualTo(conflictBefore + 1);
        // only stored events count: the rejected and the clashing command stored none
        assertThat(sample(metrics, "samverkan_events_appended_total", "type=\"OrganisationRegistered\""))
                .isEqualTo(appendedBefore + 2);
        // latency histogram buckets, for quantiles in Prometheus
        assertThat(sample(metrics, "samverkan_commands_seconds_bucket", "outcome=\"success\"", "type=\"RegisterOrganisation\"", "le=\"+Inf\""))
                .isEqualTo(successBefore + 2);
        assertThat(metrics).containsPattern("samverkan_commands_seconds_bucket\\{[^}]*le=\"0\\.0[0-9]+\"");
        assertThat(metrics).contains("samverkan_commands_seconds_sum{");
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/organisations\"");
    }

    @Test
    void metricsNeedAnAdminTokenAndHealthIsOpen() {
        Answer anonymous = api.send("GET", null, "/actuator/prometheus", null, Map.of());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");

        String coordinator = issueToken("COORDINATOR", List.of());
        Answer notAdmin = api.send("GET", coordinator, "/actuator/prometheus", null, Map.of());
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.body()).doesNotContain("samverkan_");

        Answer health = api.send("GET", null, "/actuator/health", null, Map.of());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }

    private String scrape() {
        Answer answer = api.send("GET", ADMIN_TOKEN, "/actuator/prometheus", null, Map.of());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    /** The value of the sample of {@code metric} whose labels contain all of {@code labels}; 0 when absent. */
    static double sample(String scrape, String metric, String... labels) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (line.find()) {
            String found = line.group(1);
            if (List.of(labels).stream().allMatch(found::contains)) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }

    private static Map<String, Object> organisation(String id, String orgNumber, String country) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("orgNumber", orgNumber);
        body.put("name", "Metrics AB");
        body.put("country", country);
        body.put("category", "COMPANY");
        return body;
    }
}
