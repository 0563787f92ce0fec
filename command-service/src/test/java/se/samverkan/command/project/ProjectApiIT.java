package se.samverkan.command.project;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.samverkan.command.project.ProjectDirectory.ProjectFacts;
import se.samverkan.command.support.CommandServiceIT;
import se.samverkan.command.support.HttpApi.Answer;
import se.samverkan.events.testing.OrgNumbers;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectApiIT extends CommandServiceIT {

    /** Coompanion Värmland, the beneficiary of Social Innovation Värmland. */
    private static final String COOMPANION = "769604-7237";
    /** The organisations the scenario's MANUAL outcomes list (lägesrapport 2). */
    private static final List<String> SUPPORTED_2023 = List.of("769624-2796", "232100-0156");
    private static final List<String> SUPPORTED_2024 = List.of("769622-9819", "802517-1557", "559232-9527", "873201-2094",
            "873202-0337", "556488-1315", "874001-3894", "769627-8709", "202100-3120", "769620-9506", "769609-2647");
    private static final List<String> INSTITUTIONAL_2024 = List.of("769622-9819", "802517-1557", "874001-3894",
            "769627-8709", "769620-9506", "769609-2647");

    @Autowired
    private ProjectDirectory directory;

    private String projectId;
    private String coordinator;

    @BeforeEach
    void registerScenarioOrganisations() {
        for (String orgNumber : concat(List.of(COOMPANION), SUPPORTED_2023, SUPPORTED_2024)) {
            register(orgNumber);
        }
        projectId = uniqueId("siv");
        coordinator = issueToken("COORDINATOR", List.of(projectId));
    }

    // ---- the scenario -------------------------------------------------------------------------

    @Test
    void playsTheScenariosProjectSteps() {
        expect(201, api.post(ADMIN_TOKEN, "/api/projects", sivProject(projectId)));
        expect(201, api.post(coordinator, workPackages(), workPackage(1, "Utredda nuläge Social Innovation Värmland", "2023-10-01", "2024-03-31")));
        expect(201, api.post(coordinator, workPackages(), workPackage(2, "Önskat läge social innovation", "2023-10-01", "2026-09-30")));
        expect(201, api.post(coordinator, workPackages(), workPackage(3, "Etablering av Innovations-/ekosystem Social Innovation Värmland", "2023-10-01", "2026-09-30")));
        expect(201, api.post(coordinator, workPackages(), workPackage(4, "Projektsamordning, kommunikation och resultatspridning", "2023-10-01", "2026-09-30")));
        for (int number = 1; number <= 4; number++) {
            expect(200, api.post(coordinator, workPackages() + "/" + number + "/start", Map.of("startedOn", "2023-10-01")));
        }
        // after its planned end (2024-03-31): allowed, this is what makes WP1 delayed
        expect(200, api.post(coordinator, workPackages() + "/1/completion", Map.of("completedOn", "2024-05-14")));
        expect(201, api.post(coordinator, indicators(), indicator("organisationer-stod", "Organisationer som får stöd", "organisationer", 15, "MANUAL")));
        expect(201, api.post(coordinator, outcomes("organisationer-stod"), organisationsOutcome(2023, SUPPORTED_2023)));
        expect(201, api.post(coordinator, outcomes("organisationer-stod"), organisationsOutcome(2024, SUPPORTED_2024)));
        expect(201, api.post(coordinator, indicators(), indicator("organisationer-utvecklar", "Organisationer som utvecklar produkter, processer och tjänster", "organisationer", 10, "MANUAL")));
        expect(201, api.post(coordinator, indicators(), indicator("anvandare-stodstrukturer", "Användare av implementerade stödstrukturer", "användare", 140, "MANUAL")));
        expect(201, api.post(coordinator, indicators(), indicator("institutionella-intressenter", "Deltaganden av institutionella intressenter i entreprenörsprocessen", "organisationer", 10, "MANUAL")));
        expect(201, api.post(coordinator, outcomes("institutionella-intressenter"), organisationsOutcome(2023, SUPPORTED_2023)));
        Answer last = api.post(coordinator, outcomes("institutionella-intressenter"), organisationsOutcome(2024, INSTITUTIONAL_2024));
        expect(201, last);

        // 1 created + 4 planned + 4 started + 1 completed + 4 indicators + 4 outcomes
        assertThat(eventCount(projectId)).isEqualTo(18);
        assertThat(last.header("ETag")).isEqualTo("\"18\"");
        JsonNode outcome2024 = payloadOf(projectId, 17);
        assertThat(outcome2024.get("value").decimalValue()).isEqualByComparingTo("6");
        assertThat(outcome2024.get("organisations")).hasSize(6);
        assertThat(outcome2024.get("note").asText()).isEqualTo("Enligt lägesrapport 2");

        ProjectFacts facts = directory.find(projectId).orElseThrow();
        assertThat(facts.periodStart()).isEqualTo(LocalDate.parse("2023-10-01"));
        assertThat(facts.periodEnd()).isEqualTo(LocalDate.parse("2026-09-30"));
        assertThat(facts.workPackages()).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(directory.find(uniqueId("none"))).isEmpty();
    }

    @Test
    void playingTheSameStepsAgainChangesNothing() {
        createProjectWithWorkPackage1();
        expect(201, api.post(coordinator, "/api/projects/" + projectId + "/partners", Map.of("orgNumber", SUPPORTED_2023.get(0), "role", "PARTNER")));
        expect(200, api.post(coordinator, workPackages() + "/1/start", Map.of("startedOn", "2023-10-01")));
        expect(200, api.post(coordinator, workPackages() + "/1/completion", Map.of("completedOn", "2024-05-14")));
        expect(201, api.post(coordinator, indicators(), indicator("organisationer-stod", "Organisationer som får stöd", "organisationer", 15, "MANUAL")));
        expect(201, api.post(coordinator, outcomes("organisationer-stod"), organisationsOutcome(2023, SUPPORTED_2023)));
        long events = eventCount(projectId);
        assertThat(events).isEqualTo(7);

        Answer create = api.post(ADMIN_TOKEN, "/api/projects", sivProject(projectId));
        expect(201, create);
        assertThat(create.json().get("id").asText()).isEqualTo(projectId);
        expect(201, api.post(coordinator, workPackages(), workPackage(1, "Utredda nuläge Social Innovation Värmland", "2023-10-01", "2024-03-31")));
        Answer partnerAgain = api.post(coordinator, "/api/projects/" + projectId + "/partners", Map.of("orgNumber", SUPPORTED_2023.get(0), "role", "PARTNER"));
        expect(201, partnerAgain);
        assertThat(partnerAgain.header("ETag")).isEqualTo("\"7\"");
        expect(200, api.post(coordinator, workPackages() + "/1/start", Map.of("startedOn", "2023-10-01")));
        expect(200, api.post(coordinator, workPackages() + "/1/completion", Map.of("completedOn", "2024-05-14")));
        expect(201, api.post(coordinator, indicators(), indicator("organisationer-stod", "Organisationer som får stöd", "organisationer", 15, "MANUAL")));
        // the same organisations in another order are the same outcome
        expect(201, api.post(coordinator, outcomes("organisationer-stod"), organisationsOutcome(2023, List.of(SUPPORTED_2023.get(1), SUPPORTED_2023.get(0)))));
        assertThat(eventCount(projectId)).isEqualTo(events);

        // a different outcome for the same year is a correction, recorded as a new event
        Map<String, Object> correction = new HashMap<>(Map.of("year", 2023, "value", 3, "note", "rättelse"));
        Answer corrected = api.post(coordinator, outcomes("organisationer-stod"), correction);
        expect(201, corrected);
        assertThat(corrected.header("ETag")).isEqualTo("\"8\"");
    }

    @Test
    void contradictingWhatIsRecordedIsAConflict() {
        createProjectWithWorkPackage1();
        Map<String, Object> changedProject = sivProject(projectId);
        changedProject.put("name", "Another name");
        expect409(api.post(ADMIN_TOKEN, "/api/projects", changedProject));
        expect409(api.post(coordinator, workPackages(), workPackage(1, "Another definition", "2023-10-01", "2024-03-31")));

        String partners = "/api/projects/" + projectId + "/partners";
        expect(201, api.post(coordinator, partners, Map.of("orgNumber", SUPPORTED_2023.get(0), "role", "PARTNER")));
        Answer otherRole = api.post(coordinator, partners, Map.of("orgNumber", SUPPORTED_2023.get(0), "role", "CO_FINANCIER"));
        expect409(otherRole);
        assertThat(otherRole.json().get("detail").asText()).contains("already a partner").contains("PARTNER");
        Answer beneficiary = api.post(coordinator, partners, Map.of("orgNumber", COOMPANION, "role", "PARTNER"));
        expect409(beneficiary);
        assertThat(beneficiary.json().get("detail").asText()).contains("beneficiary");

        expect409(api.post(coordinator, workPackages() + "/1/completion", Map.of("completedOn", "2024-05-14")));
        expect(200, api.post(coordinator, workPackages() + "/1/start", Map.of("startedOn", "2023-10-01")));
        expect409(api.post(coordinator, workPackages() + "/1/start", Map.of("startedOn", "2023-10-02")));
        expect(200, api.post(coordinator, workPackages() + "/1/completion", Map.of("completedOn", "2024-05-14")));
        expect409(api.post(coordinator, workPackages() + "/1/completion", Map.of("completedOn", "2024-05-15")));
        expect409(api.post(coordinator, workPackages() + "/1/replan", Map.of("plannedEnd", "2024-06-30", "reason", "too late")));

        expect(201, api.post(coordinator, indicators(), indicator("organisationer-stod", "Organisationer som får stöd", "organisationer", 15, "MANUAL")));
        expect409(api.post(coordinator, indicators(), indicator("organisationer-stod", "Organisationer som får stöd", "organisationer", 16, "MANUAL")));
        // created, planned, partner, started, completed, indicator
        assertThat(eventCount(projectId)).isEqualTo(6);
    }

    @Test
    void replansAnOpenWorkPackage() {
        createProjectWithWorkPackage1();
        Answer replanned = api.post(coordinator, workPackages() + "/1/replan", Map.of("plannedEnd", "2024-06-30", "reason", "Fler intervjuer behövs"));
        expect(200, replanned);
        assertThat(replanned.header("ETag")).isEqualTo("\"3\"");
        JsonNode event = payloadOf(projectId, 2);
        assertThat(event.get("previousPlannedEnd").asText()).isEqualTo("2024-03-31");
        assertThat(event.get("plannedEnd").asText()).isEqualTo("2024-06-30");
        assertThat(event.get("reason").asText()).isEqualTo("Fler intervjuer behövs");
        expect(200, api.post(coordinator, workPackages() + "/1/replan", Map.of("plannedEnd", "2024-06-30", "reason", "Fler intervjuer behövs")));
        assertThat(eventCount(projectId)).isEqualTo(3);
    }

    // ---- versions -----------------------------------------------------------------------------

    @Test
    void ifMatchGuardsEveryUpdate() {
        createProjectWithWorkPackage1();
        Answer stale = api.send("POST", coordinator, workPackages() + "/1/start", Map.of("startedOn", "2023-10-01"), Map.of("If-Match", "\"1\""));
        expect409(stale);
        assertThat(stale.json().get("detail").asText()).contains("stale");
        assertThat(eventCount(projectId)).isEqualTo(2);

        Answer current = api.send("POST", coordinator, workPackages() + "/1/start", Map.of("startedOn", "2023-10-01"), Map.of("If-Match", "\"2\""));
        expect(200, current);
        assertThat(current.header("ETag")).isEqualTo("\"3\"");

        Map<String, String> staleVersion = Map.of("If-Match", "\"2\"");
        expect409(api.send("POST", coordinator, "/api/projects/" + projectId + "/partners",
                Map.of("orgNumber", SUPPORTED_2023.get(0), "role", "PARTNER"), staleVersion));
        expect409(api.send("POST", coordinator, workPackages(), workPackage(2, "Two", "2023-10-01", "2024-03-31"), staleVersion));
        expect409(api.send("POST", coordinator, workPackages() + "/1/completion", Map.of("completedOn", "2024-05-14"), staleVersion));
        expect409(api.send("POST", coordinator, workPackages() + "/1/replan", Map.of("plannedEnd", "2024-06-30", "reason", "r"), staleVersion));
        expect409(api.send("POST", coordinator, indicators(), indicator("code-x", "X", "st", 1, "MANUAL"), staleVersion));
        assertThat(eventCount(projectId)).isEqualTo(3);

        expect(201, api.send("POST", coordinator, indicators(), indicator("code-x", "X", "st", 1, "MANUAL"), Map.of("If-Match", "\"3\"")));
        expect409(api.send("POST", coordinator, outcomes("code-x"), Map.of("year", 2024, "value", 1), Map.of("If-Match", "\"3\"")));
        expect(201, api.send("POST", coordinator, outcomes("code-x"), Map.of("year", 2024, "value", 1), Map.of("If-Match", "\"4\"")));
        assertThat(eventCount(projectId)).isEqualTo(5);

        Answer future = api.send("POST", coordinator, workPackages() + "/1/completion", Map.of("completedOn", "2024-05-14"), Map.of("If-Match", "\"99\""));
        expect409(future);
        assertThat(eventCount(projectId)).isEqualTo(5);

        Answer malformed = api.send("POST", coordinator, workPackages() + "/1/completion", Map.of("completedOn", "2024-05-14"), Map.of("If-Match", "yesterday"));
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
    }

    // ---- who may write ------------------------------------------------------------------------

    @Test
    void tokensAndScopesDecideWhoMayWrite() {
        assertThat(api.post(null, "/api/projects", sivProject(projectId)).status()).isEqualTo(401);
        assertThat(api.post("not-a-token", "/api/projects", sivProject(projectId)).status()).isEqualTo(401);
        expect(403, api.post(issueToken("AUDITOR", List.of()), "/api/projects", sivProject(projectId)));
        expect(403, api.post(issueToken("PARTNER", List.of()), "/api/projects", sivProject(projectId)));

        String otherProject = uniqueId("other");
        String otherCoordinator = issueToken("COORDINATOR", List.of(otherProject));
        expect(403, api.post(otherCoordinator, "/api/projects", sivProject(projectId)));
        Map<String, Object> withoutId = sivProject(null);
        Answer scopedWithoutId = api.post(otherCoordinator, "/api/projects", withoutId);
        expect(403, scopedWithoutId);
        assertThat(scopedWithoutId.json().get("detail").asText()).contains(otherProject);
        assertThat(eventCount(projectId)).isZero();

        // a coordinator scoped to the project creates it; one with an empty scope may create any project
        expect(201, api.post(coordinator, "/api/projects", sivProject(projectId)));
        Answer generated = api.post(issueToken("COORDINATOR", List.of()), "/api/projects", withoutId);
        expect(201, generated);
        assertThat(generated.json().get("id").asText()).matches("[0-9a-f-]{36}");

        Map<String, Object> plan = workPackage(1, "One", "2023-10-01", "2024-03-31");
        assertThat(api.post(null, workPackages(), plan).status()).isEqualTo(401);
        Answer foreign = api.post(otherCoordinator, workPackages(), plan);
        expect(403, foreign);
        assertThat(foreign.json().get("detail").asText()).contains(projectId);
        expect(403, api.post(otherCoordinator, "/api/projects/" + projectId + "/partners", Map.of("orgNumber", SUPPORTED_2023.get(0), "role", "PARTNER")));
        expect(403, api.post(otherCoordinator, workPackages() + "/1/start", Map.of("startedOn", "2023-10-01")));
        expect(403, api.post(otherCoordinator, indicators(), indicator("code-x", "X", "st", 1, "MANUAL")));
        expect(403, api.post(otherCoordinator, outcomes("code-x"), Map.of("year", 2024, "value", 1)));
        expect(403, api.post(issueToken("AUDITOR", List.of(projectId)), workPackages(), plan));
        // a foreign project's existence is not revealed: 403 before 404
        expect(403, api.post(otherCoordinator, "/api/projects/" + uniqueId("nope") + "/work-packages", plan));
        assertThat(eventCount(projectId)).isEqualTo(1);
        expect(201, api.post(coordinator, workPackages(), plan));
    }

    // ---- unknown ids --------------------------------------------------------------------------

    @Test
    void unknownProjectsWorkPackagesAndIndicatorsAreNotFound() {
        String unknown = uniqueId("nope");
        Answer noProject = api.post(ADMIN_TOKEN, "/api/projects/" + unknown + "/work-packages", workPackage(1, "One", "2023-10-01", "2024-03-31"));
        expect(404, noProject);
        assertThat(noProject.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noProject.json().get("detail").asText()).isEqualTo("there is no project '" + unknown + "'");
        expect(404, api.post(ADMIN_TOKEN, "/api/projects/" + unknown + "/partners", Map.of("orgNumber", COOMPANION, "role", "PARTNER")));
        expect(404, api.post(ADMIN_TOKEN, "/api/projects/" + unknown + "/work-packages/1/start", Map.of("startedOn", "2023-10-01")));
        expect(404, api.post(ADMIN_TOKEN, "/api/projects/" + unknown + "/indicators", indicator("code-x", "X", "st", 1, "MANUAL")));
        expect(404, api.post(ADMIN_TOKEN, "/api/projects/" + unknown + "/indicators/code-x/outcomes", Map.of("year", 2024, "value", 1)));
        assertThat(eventCount(unknown)).isZero();

        // an id that belongs to something else (an organisation) is not a project either
        String organisationId = "org-" + COOMPANION.replace("-", "");
        expect(404, api.post(ADMIN_TOKEN, "/api/projects/" + organisationId + "/work-packages/1/start", Map.of("startedOn", "2023-10-01")));

        createProjectWithWorkPackage1();
        Answer noWorkPackage = api.post(coordinator, workPackages() + "/7/start", Map.of("startedOn", "2023-10-01"));
        expect(404, noWorkPackage);
        assertThat(noWorkPackage.json().get("detail").asText()).contains("has no work package 7");
        expect(404, api.post(coordinator, workPackages() + "/7/completion", Map.of("completedOn", "2024-05-14")));
        expect(404, api.post(coordinator, workPackages() + "/7/replan", Map.of("plannedEnd", "2024-06-30", "reason", "r")));
        expect(404, api.post(coordinator, workPackages() + "/one/start", Map.of("startedOn", "2023-10-01")));
        Answer noIndicator = api.post(coordinator, outcomes("no-such"), Map.of("year", 2024, "value", 1));
        expect(404, noIndicator);
        assertThat(noIndicator.json().get("detail").asText()).contains("no indicator 'no-such'");
        assertThat(eventCount(projectId)).isEqualTo(2);
    }

    // ---- invalid input: 422 naming each field, nothing stored ---------------------------------

    @Test
    void anInvalidProjectNamesEveryField() {
        Map<String, Object> body = new HashMap<>();
        body.put("id", "Not An Id");
        body.put("caseId", " ");
        body.put("programme", "");
        body.put("periodStart", "2023-13-01");
        body.put("periodEnd", null);
        body.put("beneficiaryOrgNumber", "769604-7238");
        expectFields(api.post(ADMIN_TOKEN, "/api/projects", body),
                "id", "caseId", "name", "programme", "periodStart", "periodEnd", "beneficiaryOrgNumber");

        Map<String, Object> rules = sivProject(projectId);
        rules.put("periodStart", "2026-10-01");
        rules.put("beneficiaryOrgNumber", unregisteredOrgNumber());
        Answer answer = api.post(ADMIN_TOKEN, "/api/projects", rules);
        expectFields(answer, "periodEnd", "beneficiaryOrgNumber");
        assertThat(answer.body()).contains("not a registered organisation");
        assertThat(eventCount(projectId)).isZero();
        assertThat(directory.find(projectId)).isEmpty();
    }

    @Test
    void invalidUpdatesNameEveryFieldAndStoreNothing() {
        createProjectWithWorkPackage1();
        String partners = "/api/projects/" + projectId + "/partners";
        expectFields(api.post(coordinator, partners, Map.of("orgNumber", "12345", "role", "SPONSOR")), "orgNumber", "role");
        expectFields(api.post(coordinator, partners, Map.of("orgNumber", unregisteredOrgNumber(), "role", "PARTNER")), "orgNumber");

        expectFields(api.post(coordinator, workPackages(), Map.of("number", 1.5, "name", " ", "plannedStart", "soon")),
                "number", "name", "plannedStart", "plannedEnd");
        expectFields(api.post(coordinator, workPackages(), workPackage(0, "Zero", "2023-09-30", "2026-10-01")),
                "number", "plannedStart", "plannedEnd");
        expectFields(api.post(coordinator, workPackages(), workPackage(2, "Backwards", "2024-05-01", "2024-04-01")), "plannedEnd");

        expectFields(api.post(coordinator, workPackages() + "/1/start", Map.of()), "startedOn");
        expectFields(api.post(coordinator, workPackages() + "/1/start", Map.of("startedOn", "2023-09-30")), "startedOn");
        expect(200, api.post(coordinator, workPackages() + "/1/start", Map.of("startedOn", "2023-11-01")));
        expectFields(api.post(coordinator, workPackages() + "/1/completion", Map.of("completedOn", "2023-10-31")), "completedOn");
        expectFields(api.post(coordinator, workPackages() + "/1/completion", Map.of("completedOn", "2026-10-01")), "completedOn");
        expectFields(api.post(coordinator, workPackages() + "/1/replan", Map.of("plannedEnd", "2026-10-01")), "reason");
        expectFields(api.post(coordinator, workPackages() + "/1/replan", Map.of("plannedEnd", "2026-10-01", "reason", "r")), "plannedEnd");
        expectFields(api.post(coordinator, workPackages() + "/1/replan", Map.of("plannedEnd", "2024-03-31", "reason", "r")), "plannedEnd");
        expectFields(api.post(coordinator, workPackages() + "/1/replan", Map.of("plannedEnd", "2023-09-01", "reason", "r")), "plannedEnd");

        expectFields(api.post(coordinator, indicators(), Map.of("code", "Bad Code", "target", -1, "countingRule", "SOMETIMES")),
                "code", "name", "unit", "countingRule");
        expectFields(api.post(coordinator, indicators(), indicator("good-code", "X", "st", -1, "MANUAL")), "target");
        expectFields(api.post(coordinator, indicators(), Map.of("code", "x-y", "name", "X", "unit", "st", "target", 1e40, "countingRule", "MANUAL")),
                "target");
        expectFields(api.post(coordinator, indicators(), Map.of("code", "x-y", "name", "X", "unit", "st", "target", "many", "countingRule", "MANUAL")),
                "target");

        expect(201, api.post(coordinator, indicators(), indicator("organisationer-stod", "Organisationer som får stöd", "organisationer", 15, "MANUAL")));
        expect(201, api.post(coordinator, indicators(), indicator("engaged", "Engaged", "organisationer", 15, "ORGANISATIONS_ENGAGED")));
        Answer derived = api.post(coordinator, outcomes("engaged"), Map.of("year", 2024, "value", 3));
        expectFields(derived, "countingRule");
        assertThat(derived.body()).contains("derived");
        String manual = outcomes("organisationer-stod");
        expectFields(api.post(coordinator, manual, Map.of("year", 2022, "value", -1)), "year", "value");
        expectFields(api.post(coordinator, manual, Map.of("year", 2024)), "value");
        expectFields(api.post(coordinator, manual, Map.of("value", 1)), "year");
        expectFields(api.post(coordinator, manual, Map.of("year", 2024.5, "value", 1)), "year");
        expectFields(api.post(coordinator, manual, Map.of("year", 2024, "value", 2, "organisations", SUPPORTED_2023)), "value");
        expectFields(api.post(coordinator, manual, Map.of("year", 2024, "organisations", List.of("769624-2796", "not-a-number"))),
                "organisations[1]");
        expectFields(api.post(coordinator, manual, Map.of("year", 2024,
                "organisations", List.of("769624-2796", unregisteredOrgNumber(), "7696242796"))), "organisations[1]", "organisations[2]");
        // created, planned, started, two indicators
        assertThat(eventCount(projectId)).isEqualTo(5);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void createProjectWithWorkPackage1() {
        expect(201, api.post(ADMIN_TOKEN, "/api/projects", sivProject(projectId)));
        expect(201, api.post(coordinator, workPackages(), workPackage(1, "Utredda nuläge Social Innovation Värmland", "2023-10-01", "2024-03-31")));
    }

    private static Map<String, Object> sivProject(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("caseId", "20363457");
        body.put("name", "Social Innovation Värmland - ett innovationssystem");
        body.put("programme", "Europeiska regionala utvecklingsfonden (ERUF)");
        body.put("periodStart", "2023-10-01");
        body.put("periodEnd", "2026-09-30");
        body.put("beneficiaryOrgNumber", COOMPANION);
        return body;
    }

    private static Map<String, Object> workPackage(int number, String name, String plannedStart, String plannedEnd) {
        return Map.of("number", number, "name", name, "plannedStart", plannedStart, "plannedEnd", plannedEnd);
    }

    private static Map<String, Object> indicator(String code, String name, String unit, int target, String countingRule) {
        return Map.of("code", code, "name", name, "unit", unit, "target", target, "countingRule", countingRule);
    }

    private static Map<String, Object> organisationsOutcome(int year, List<String> organisations) {
        return Map.of("year", year, "organisations", organisations, "note", "Enligt lägesrapport 2");
    }

    private String workPackages() {
        return "/api/projects/" + projectId + "/work-packages";
    }

    private String indicators() {
        return "/api/projects/" + projectId + "/indicators";
    }

    private String outcomes(String code) {
        return indicators() + "/" + code + "/outcomes";
    }

    /** Registers a scenario organisation; other tests sharing the database may have registered the number already. */
    private void register(String orgNumber) {
        Answer answer = api.post(ADMIN_TOKEN, "/api/organisations", Map.of("id", "org-" + orgNumber.replace("-", ""),
                "orgNumber", orgNumber, "name", "Organisation " + orgNumber, "country", "SE", "category", "OTHER"));
        assertThat(answer.status()).as(answer.body()).isIn(201, 409);
    }

    /** A valid Swedish organisation number that no one registered. */
    private String unregisteredOrgNumber() {
        String candidate;
        do {
            candidate = OrgNumbers.randomSwedish();
        } while (jdbc.queryForObject("SELECT count(*) FROM organisation WHERE org_number = ?", Long.class, candidate) > 0);
        return candidate;
    }

    private long eventCount(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregateId);
    }

    private JsonNode payloadOf(String aggregateId, long sequenceNumber) {
        String json = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = ?", String.class, aggregateId, sequenceNumber);
        return new Answer(200, Map.of(), json).json();
    }

    private static void expect409(Answer answer) {
        expect(409, answer);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    private static void expectFields(Answer answer, String... fields) {
        expect(422, answer);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode errors = answer.json().get("errors");
        assertThat(errors.findValuesAsText("field").stream().distinct()).as(answer.body()).containsExactlyInAnyOrder(fields);
        errors.forEach(error -> assertThat(error.get("message").asText()).isNotBlank());
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).distinct().toList();
    }
}
