package se.samverkan.query.platform.consistency;

import org.junit.jupiter.api.Test;
import se.samverkan.query.support.Platform;
import se.samverkan.query.support.Platform.Answer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;
import static se.samverkan.query.support.Platform.expect;

/**
 * DESIGN.md "Consistency" end to end: a read that names the position a write answered sees that write; a position
 * the read models never reach is a 503 with Retry-After after the consistency wait; a malformed one is a 400; a
 * token works on its first request to the query service.
 */
class ReadYourWritesIT {

    private static final Platform platform = Platform.get();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static long position(Answer write) {
        String position = write.response().headers().firstValue("Samverkan-Position").orElse(null);
        assertThat(position).as("Samverkan-Position of the write").matches("[0-9]+");
        return Long.parseLong(position);
    }

    private Answer read(String path, String token, Map<String, String> headers) {
        return platform.send(platform.queryUrl(), "GET", path, token, null, headers);
    }

    private String project() {
        String orgNumber = randomSwedish();
        expect(201, platform.command("POST", "/api/organisations", Platform.ADMIN_TOKEN, Map.of("id", "ryw-org-" + run,
                "orgNumber", orgNumber, "name", "Region Värmland", "country", "SE", "category", "PUBLIC_SECTOR")));
        String project = "ryw-" + run;
        expect(201, platform.command("POST", "/api/projects", Platform.ADMIN_TOKEN, Map.of("id", project, "caseId", "20363457",
                "name", "Läs det du skrev", "programme", "ERUF", "periodStart", "2024-01-01", "periodEnd", "2026-12-31",
                "beneficiaryOrgNumber", orgNumber)));
        return project;
    }

    @Test
    void aReadWithTheWritesPositionSeesTheWrite() {
        String project = project();
        for (int i = 1; i <= 5; i++) {
            Answer planned = expect(201, platform.command("POST", "/api/projects/" + project + "/work-packages",
                    Platform.ADMIN_TOKEN, Map.of("number", i, "name", "Arbetspaket " + i, "plannedStart", "2024-01-01",
                            "plannedEnd", "2026-12-31")));
            Answer overview = expect(200, read("/api/projects/" + project, Platform.ADMIN_TOKEN,
                    Map.of("Samverkan-Min-Position", Long.toString(position(planned)))));
            assertThat(overview.json().path("workPackages")).as(overview.body()).hasSize(i);

            String meeting = project + "-m" + i;
            Answer recorded = expect(201, platform.command("POST", "/api/projects/" + project + "/meetings", Platform.ADMIN_TOKEN,
                    Map.of("id", meeting, "workPackage", i, "kind", "CHECK_IN", "date", "2024-02-0" + i, "title", "Avstämning " + i,
                            "organisations", List.of(), "participants", Map.of("women", 2, "men", 1, "other", 0), "notes", "")));
            Answer activities = expect(200, read("/api/projects/" + project + "/activities?minPosition=" + position(recorded),
                    Platform.ADMIN_TOKEN, Map.of()));
            assertThat(StreamSupport.stream(activities.json().spliterator(), false).map(a -> a.path("id").asText()))
                    .as(activities.body()).contains(meeting);
        }
    }

    @Test
    void aPositionTheReadModelsDoNotReachIs503WithRetryAfter() {
        long head = platform.jdbc().queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);
        long unreachable = head + 1_000_000;
        Answer answer = read("/api/projects", Platform.ADMIN_TOKEN, Map.of("Samverkan-Min-Position", Long.toString(unreachable)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.response().headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("[1-9][0-9]*"));
        assertThat(answer.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(answer.json().path("status").asInt()).isEqualTo(503);
        assertThat(answer.json().path("detail").asText()).contains(Long.toString(unreachable));

        Answer byParameter = read("/api/projects?minPosition=" + unreachable, Platform.ADMIN_TOKEN, Map.of());
        assertThat(byParameter.status()).as(byParameter.body()).isEqualTo(503);
        // a position already processed is answered as usual
        expect(200, read("/api/projects?minPosition=" + head, Platform.ADMIN_TOKEN, Map.of()));
        expect(200, read("/api/projects", Platform.ADMIN_TOKEN, Map.of("Samverkan-Min-Position", "0")));
    }

    @Test
    void aMinimumPositionThatIsNotAWholeNumberIs400() {
        for (String bad : List.of("abc", "-1", "1.5", "", "99999999999999999999")) {
            Answer header = read("/api/projects", Platform.ADMIN_TOKEN, Map.of("Samverkan-Min-Position", bad));
            assertThat(header.status()).as("header '" + bad + "': " + header.body()).isEqualTo(400);
            assertThat(header.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(header.json().path("detail").asText()).contains("Samverkan-Min-Position");
        }
        Answer parameter = read("/api/projects?minPosition=-5", Platform.ADMIN_TOKEN, Map.of());
        assertThat(parameter.status()).as(parameter.body()).isEqualTo(400);
        assertThat(parameter.json().path("detail").asText()).contains("minPosition");
    }

    @Test
    void aTokenIsAcceptedOnItsFirstRequestAndAWrongOneIsStillRefused() {
        for (int i = 0; i < 5; i++) {
            Answer issued = expect(201, platform.command("POST", "/api/admin/tokens", Platform.ADMIN_TOKEN,
                    Map.of("name", "first request " + i, "role", "AUDITOR", "projects", List.of())));
            Answer first = read("/api/projects", issued.json().path("token").asText(), Map.of());
            assertThat(first.status()).as("the first request with a token issued a moment ago: " + first.body()).isEqualTo(200);
        }
        expect(401, read("/api/projects", "not-a-token-" + run, Map.of()));
    }
}
