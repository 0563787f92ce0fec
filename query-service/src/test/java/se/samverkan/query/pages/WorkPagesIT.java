package se.samverkan.query.pages;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.Platform;
import se.samverkan.events.testing.OrgNumbers;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.query.support.Platform.expect;

/** Who gets which work page, and the read API the pages use, over plain HTTP. */
class WorkPagesIT {

    private static final Platform platform = Platform.get();
    private static String coordinator;
    private static String partner;
    private static String auditor;
    private static String otherCoordinator;

    @BeforeAll
    static void tokens() {
        platform.playScenarioOnce();
        coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        partner = platform.issueToken("PARTNER", List.of("siv"));
        auditor = platform.issueToken("AUDITOR", List.of("siv"));
        otherCoordinator = platform.issueToken("COORDINATOR", List.of("another-project"));
    }

    @Test
    void eachPageIsServedToTheRolesAndScopesItIsFor() {
        Map<String, Map<String, Integer>> expected = Map.of(
                "/projects/siv/activities/new", Map.of("coordinator", 200, "partner", 403, "auditor", 403, "other", 403),
                "/projects/siv/manage", Map.of("coordinator", 200, "partner", 403, "auditor", 403, "other", 403),
                "/projects/siv/reports", Map.of("coordinator", 200, "partner", 200, "auditor", 200, "other", 403),
                "/reports/siv-lagesrapport-2", Map.of("coordinator", 200, "partner", 403, "auditor", 200, "other", 403),
                "/reports/siv-lagesrapport-2/print", Map.of("coordinator", 200, "partner", 403, "auditor", 200, "other", 403),
                "/reviews", Map.of("coordinator", 403, "partner", 403, "auditor", 200, "other", 403),
                "/subscriptions", Map.of("coordinator", 200, "partner", 200, "auditor", 403, "other", 200));
        Map<String, String> tokens = Map.of("coordinator", coordinator, "partner", partner, "auditor", auditor, "other", otherCoordinator);
        expected.forEach((page, byWho) -> byWho.forEach((who, status) -> {
            Platform.Answer answer = platform.send(platform.queryUrl(), "GET", page, tokens.get(who), null, Map.of("Accept", "text/html"));
            assertThat(answer.status()).as(who + " on " + page).isEqualTo(status);
            if (status == 403) {
                assertThat(answer.body()).as(who + " on " + page).contains("data-testid=\"page-refused\"");
            }
        }));
        // role first, then scope, then existence: only a token that sees every project learns that an id names nothing
        for (String page : List.of("/reports/no-such-report", "/reports/no-such-report/print", "/projects/no-such-project/manage",
                "/projects/no-such-project/reports")) {
            assertThat(platform.send(platform.queryUrl(), "GET", page, coordinator, null, Map.of()).status()).as(page).isEqualTo(403);
            assertThat(platform.send(platform.queryUrl(), "GET", page, Platform.ADMIN_TOKEN, null, Map.of()).status()).as(page)
                    .isEqualTo(404);
        }
        assertThat(platform.send(platform.queryUrl(), "GET", "/reports/no-such-report", partner, null, Map.of()).status())
                .as("a role that may not read reports learns nothing about the id").isEqualTo(403);
    }

    /**
     * The auditor's inbox lists the report that has waited longest first, by its latest submission; the receipts the
     * pages show are the ones the submissions answered.
     */
    @Test
    void theInboxIsOldestSubmissionFirstAndTheReceiptsAreTheSubmissionsOwn() {
        String project = "inbox-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String beneficiary = OrgNumbers.randomSwedish();
        expect(201, platform.command("POST", "/api/organisations", Platform.ADMIN_TOKEN, Map.of("orgNumber", beneficiary,
                "name", "Föreningen Inkorg", "country", "SE", "category", "CIVIL_SOCIETY")));
        expect(201, platform.command("POST", "/api/projects", Platform.ADMIN_TOKEN, Map.of("id", project, "caseId", "case-" + project,
                "name", "Inkorg " + project, "programme", "ERUF", "periodStart", "2024-01-01", "periodEnd", "2025-12-31",
                "beneficiaryOrgNumber", beneficiary)));
        String writer = platform.issueToken("COORDINATOR", List.of(project));
        String reviewer = platform.issueToken("AUDITOR", List.of(project));
        String first = project + "-1";
        String second = project + "-2";
        expect(201, platform.command("POST", "/api/projects/" + project + "/reports", writer, Map.of("id", first, "number", 1,
                "periodStart", "2024-01-01", "periodEnd", "2024-06-30")));
        expect(201, platform.command("POST", "/api/projects/" + project + "/reports", writer, Map.of("id", second, "number", 2,
                "periodStart", "2024-07-01", "periodEnd", "2024-12-31")));
        for (String report : List.of(first, second)) {
            for (String key : List.of("signatory-changed", "vat-as-cost", "revenue", "purchase-agreements", "depreciation",
                    "in-kind-contributions", "inclusive-culture", "target-group-involvement", "communication",
                    "external-collaboration", "organisation-changes")) {
                expect(200, platform.command("PUT", "/api/reports/" + report + "/answers/" + key, writer, Map.of("answer", "NO", "text", "")));
            }
        }
        // report 2 is submitted before report 1, so it has waited longer
        Platform.Answer secondReceipt = platform.command("POST", "/api/reports/" + second + "/submission", writer, Map.of("signatory", "A"));
        expect(200, secondReceipt);
        Platform.Answer firstReceipt = platform.command("POST", "/api/reports/" + first + "/submission", writer, Map.of("signatory", "A"));
        expect(200, firstReceipt);
        assertThat(inbox(reviewer, firstReceipt)).containsExactly(second, first);
        // the inbox names the project, not only its id
        assertThat(platform.query("/api/reviews", reviewer).json().get(0).path("projectName").asText()).isEqualTo("Inkorg " + project);

        // returned and submitted again, report 2 now waits since its new submission: after report 1
        Platform.Answer returned = platform.command("POST", "/api/reports/" + second + "/return", reviewer, Map.of("reason", "Mer om moms."));
        expect(200, returned);
        // the project's list shows where each report stands, and the version a write must name
        Platform.Answer listed = platform.send(platform.queryUrl(), "GET", "/api/projects/" + project + "/reports", writer, null,
                Map.of("Samverkan-Min-Position", returned.response().headers().firstValue("Samverkan-Position").orElseThrow()));
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json()).hasSize(2);
        assertThat(listed.json().get(0).path("reportId").asText()).isEqualTo(first);
        assertThat(listed.json().get(0).path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(listed.json().get(1).path("status").asText()).isEqualTo("RETURNED");
        assertThat(listed.json().get(1).path("submittedAt").asText()).isNotEmpty();
        // drafted, eleven answers, submitted, returned
        assertThat(listed.json().get(1).path("version").asLong()).isEqualTo(14);
        Platform.Answer resubmitted = platform.command("POST", "/api/reports/" + second + "/submission", writer, Map.of("signatory", "A"));
        expect(200, resubmitted);
        assertThat(inbox(reviewer, resubmitted)).containsExactly(first, second);

        Platform.Answer receipts = platform.query("/api/reports/" + second + "/receipts", reviewer);
        assertThat(receipts.status()).isEqualTo(200);
        assertThat(receipts.json()).hasSize(2);
        assertThat(receipts.json().get(0)).isEqualTo(secondReceipt.json());
        assertThat(receipts.json().get(1)).isEqualTo(resubmitted.json());
        assertThat(platform.query("/api/reports/" + second + "/receipts", partner).status()).isEqualTo(403);
    }

    /** The auditor's inbox as it stands once the read models have what the given write stored. */
    private static List<String> inbox(String auditor, Platform.Answer afterWrite) {
        String position = afterWrite.response().headers().firstValue("Samverkan-Position").orElseThrow();
        Platform.Answer reviews = platform.send(platform.queryUrl(), "GET", "/api/reviews", auditor, null,
                Map.of("Samverkan-Min-Position", position));
        assertThat(reviews.status()).as(reviews.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        reviews.json().forEach(report -> ids.add(report.path("reportId").asText()));
        return ids;
    }

    @Test
    void aPathSpringSecuritysFirewallRefusesIsAProblemNotABarePage() {
        Platform.Answer refused = platform.send(platform.queryUrl(), "GET", "/api/projects/siv;x=1/dashboard", coordinator, null, Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText()).contains("malformed");
    }

    @Test
    void thePagesReadAPI() {
        Platform.Answer me = platform.query("/api/me", coordinator);
        assertThat(me.json().path("role").asText()).isEqualTo("COORDINATOR");
        assertThat(me.json().path("name").asText()).isEqualTo("e2e COORDINATOR");

        Platform.Answer byName = platform.awaitQuery("/api/organisations?q=coompanion", coordinator,
                answer -> answer.status() == 200 && answer.body().contains("769604-7237"), Duration.ofSeconds(30));
        assertThat(byName.json()).allSatisfy(o -> assertThat(o.path("name").asText().toLowerCase()).contains("coompanion"));
        Platform.Answer byDigits = platform.query("/api/organisations?q=7696047", coordinator);
        assertThat(byDigits.body()).contains("769604-7237");
        assertThat(platform.query("/api/organisations?q=coompanion", partner).status()).isEqualTo(403);
        assertThat(platform.query("/api/organisations?q=coompanion", auditor).status()).isEqualTo(403);

        Platform.Answer reports = platform.awaitQuery("/api/projects/siv/reports", coordinator,
                answer -> answer.status() == 200 && answer.body().contains("siv-lagesrapport-2"), Duration.ofSeconds(30));
        assertThat(reports.json().get(0).path("number").asInt()).isEqualTo(2);
        assertThat(platform.query("/api/projects/siv/reports", otherCoordinator).status()).isEqualTo(403);

        assertThat(platform.query("/api/reviews", coordinator).status()).isEqualTo(403);
        assertThat(platform.query("/api/reviews", auditor).status()).isEqualTo(200);

        Platform.Answer names = platform.query("/api/token-names?ids=" + me.json().path("userId").asText() + ",admin", auditor);
        assertThat(names.json().path(me.json().path("userId").asText()).asText()).isEqualTo("e2e COORDINATOR");
        assertThat(names.json().path("admin").asText()).isEqualTo("Administrator");
        assertThat(platform.query("/api/token-names?ids=admin", partner).status()).isEqualTo(403);
    }
}
