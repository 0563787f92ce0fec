package se.samverkan.command.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samverkan.command.support.CommandServiceIT;
import se.samverkan.command.support.HttpApi.Answer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;

/**
 * Meetings, workshops and pilots through the real HTTP API. Each test sets up its own project
 * (through the project API) with four work packages over 2023-10-01..2026-09-30, like the
 * Social Innovation Värmland scenario, and a coordinator token scoped to it.
 */
class ActivityAndPilotApiIT extends CommandServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String project;
    private String coordinator;
    private String beneficiary;
    private String partner;

    @BeforeEach
    void createProject() {
        beneficiary = registerOrganisation("CIVIL_SOCIETY");
        partner = registerOrganisation("CIVIL_SOCIETY");
        project = uniqueId("proj");
        Map<String, Object> body = new HashMap<>();
        body.put("id", project);
        body.put("caseId", "20363457");
        body.put("name", "Social Innovation Värmland - ett innovationssystem");
        body.put("programme", "Europeiska regionala utvecklingsfonden (ERUF)");
        body.put("periodStart", "2023-10-01");
        body.put("periodEnd", "2026-09-30");
        body.put("beneficiaryOrgNumber", beneficiary);
        expect(201, api.post(ADMIN_TOKEN, "/api/projects", body));
        expect(201, api.post(ADMIN_TOKEN, "/api/projects/" + project + "/work-packages", Map.of("number", 1,
                "name", "Utredda nuläge", "plannedStart", "2023-10-01", "plannedEnd", "2024-03-31")));
        for (int number = 2; number <= 4; number++) {
            expect(201, api.post(ADMIN_TOKEN, "/api/projects/" + project + "/work-packages", Map.of("number", number,
                    "name", "Arbetspaket " + number, "plannedStart", "2023-10-01", "plannedEnd", "2026-09-30")));
        }
        coordinator = issueToken("COORDINATOR", List.of(project));
    }

    // --- the scenario's steps

    @Test
    void recordsTheScenariosMeetingsWorkshopsAndPilot() {
        String suffix = uniqueId("");
        // WP1 was planned to end in March; its last mapping talks were held in May: only the project period counts.
        Answer lateMapping = post("/api/projects/" + project + "/meetings", meeting("wp1-mapping-09" + suffix, 1,
                "MAPPING", "2024-05-14", "Kartläggningssamtal: Drivhuset"));
        expect(201, lateMapping);
        assertThat(lateMapping.json().get("id").asText()).isEqualTo("wp1-mapping-09" + suffix);
        assertThat(lateMapping.header("ETag")).isEqualTo("\"1\"");

        Map<String, Object> workshop = workshop("wp2-workshop-2024-02-02" + suffix, 2, "2024-02-02",
                "Återrapportering 2023 och inspirationsseminarium om social innovation");
        workshop.put("targetGroup", "Politiker, tjänstemän inom kommun, region och Länsstyrelse");
        workshop.put("outcome", "Återrapportering av verksamhetsåret 2023.");
        expect(201, post("/api/projects/" + project + "/workshops", workshop));
        expect(201, post("/api/projects/" + project + "/meetings", meeting("wp2-followup-regionrad" + suffix, 2,
                "FOLLOW_UP", "2024-03-20", "Uppföljande samtal med regionråden")));

        Map<String, Object> pilot = pilot("pilot-matgemenskaper" + suffix);
        Answer proposed = post("/api/projects/" + project + "/pilots", pilot);
        expect(201, proposed);
        assertThat(proposed.json().get("id").asText()).isEqualTo("pilot-matgemenskaper" + suffix);
        assertThat(proposed.header("ETag")).isEqualTo("\"1\"");

        Map<String, Object> presentation = meeting("wp3-pilot-presentation" + suffix, 3, "OTHER", "2024-03-25",
                "Piloten presenterar utmaningen för aktörerna i innovationssystemet");
        presentation.put("notes", "Piloten representerades initialt av fyra personer.");
        expect(201, post("/api/projects/" + project + "/meetings", presentation));

        Answer included = post("/api/pilots/pilot-matgemenskaper" + suffix + "/inclusion",
                Map.of("includedOn", "2024-03-25", "members", 4, "workingGroup", List.of()));
        expect(200, included);
        assertThat(included.header("ETag")).isEqualTo("\"2\"");

        Map<String, Object> annualMeeting = workshop("wp3-workshop-4v" + suffix, 3, "2024-04-09",
                "Workshop i samband med 4V:s årsstämma");
        annualMeeting.put("participants", Map.of("women", 0, "men", 0, "other", 15));
        annualMeeting.put("organisations", List.of(beneficiary, partner));
        expect(201, post("/api/projects/" + project + "/workshops", annualMeeting));

        JsonNode stored = payload("wp3-workshop-4v" + suffix, 0);
        assertThat(stored.get("projectId").asText()).isEqualTo(project);
        assertThat(stored.get("participants").get("other").asInt()).isEqualTo(15);
        assertThat(stored.get("organisations").toString()).contains(beneficiary, partner);
        assertThat(payloadType("wp3-pilot-presentation" + suffix, 0)).endsWith("MeetingHeld");
        assertThat(payload("wp3-pilot-presentation" + suffix, 0).get("notes").asText())
                .isEqualTo("Piloten representerades initialt av fyra personer.");
        assertThat(payloadType("pilot-matgemenskaper" + suffix, 1)).endsWith("PilotIncluded");
    }

    @Test
    void withoutAnIdTheServerGeneratesOneAndLeftOutFieldsAreEmptyOrZero() {
        Map<String, Object> body = new HashMap<>();
        body.put("workPackage", 2);
        body.put("kind", "CHECK_IN");
        body.put("date", "2024-04-29");
        body.put("title", "Avstämning Region Värmland");
        Answer answer = post("/api/projects/" + project + "/meetings", body);
        expect(201, answer);
        String id = answer.json().get("id").asText();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        JsonNode stored = payload(id, 0);
        assertThat(stored.get("notes").asText()).isEmpty();
        assertThat(stored.get("organisations").size()).isZero();
        assertThat(stored.get("participants").get("women").asInt()).isZero();
        assertThat(stored.get("participants").get("men").asInt()).isZero();
        assertThat(stored.get("participants").get("other").asInt()).isZero();

        Answer pilot = post("/api/projects/" + project + "/pilots",
                Map.of("name", "Pilot", "challenge", "Challenge", "proposedByOrgNumber", beneficiary));
        expect(201, pilot);
        assertThat(pilot.json().get("id").asText()).matches("[0-9a-f-]{36}");
    }

    // --- idempotent creates

    @Test
    void aRepeatedCreateAnswersAsTheFirstTimeAndADifferentBodyWithTheSameIdIsAConflict() {
        String id = uniqueId("meeting");
        Map<String, Object> body = meeting(id, 1, "MAPPING", "2024-02-13", "Kartläggningssamtal: Compare");
        Answer first = post("/api/projects/" + project + "/meetings", body);
        Answer again = post("/api/projects/" + project + "/meetings", body);
        expect(201, first);
        expect(201, again);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("ETag")).isEqualTo("\"1\"");
        assertThat(eventCount(id)).isEqualTo(1);

        Map<String, Object> changed = new HashMap<>(body);
        changed.put("title", "Another title");
        Answer conflict = post("/api/projects/" + project + "/meetings", changed);
        expect(409, conflict);
        assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
        // the same id as a workshop or a pilot is taken too
        expect(409, post("/api/projects/" + project + "/workshops", workshop(id, 1, "2024-02-13", "Workshop")));
        expect(409, post("/api/projects/" + project + "/pilots", pilot(id)));
        assertThat(eventCount(id)).isEqualTo(1);

        String pilotId = uniqueId("pilot");
        expect(201, post("/api/projects/" + project + "/pilots", pilot(pilotId)));
        expect(201, post("/api/projects/" + project + "/pilots", pilot(pilotId)));
        Map<String, Object> otherPilot = pilot(pilotId);
        otherPilot.put("name", "Another pilot");
        expect(409, post("/api/projects/" + project + "/pilots", otherPilot));
        assertThat(eventCount(pilotId)).isEqualTo(1);
    }

    // --- who may write

    @Test
    void withoutAValidTokenIs401() {
        Map<String, Object> body = meeting(uniqueId("m"), 1, "MAPPING", "2024-02-13", "Title");
        expect(401, api.post(null, "/api/projects/" + project + "/meetings", body));
        expect(401, api.post("not-a-token", "/api/projects/" + project + "/workshops", body));
        expect(401, api.post(null, "/api/projects/" + project + "/pilots", pilot(uniqueId("p"))));
        expect(401, api.post(null, "/api/activities/whatever/cancellation", Map.of("reason", "x")));
        expect(401, api.post(null, "/api/pilots/whatever/inclusion", Map.of()));
    }

    @Test
    void onlyAnAdminOrACoordinatorOfTheProjectMayWrite() {
        String meetingId = uniqueId("m");
        expect(201, post("/api/projects/" + project + "/meetings", meeting(meetingId, 1, "MAPPING", "2024-02-13", "Title")));
        String pilotId = uniqueId("p");
        expect(201, post("/api/projects/" + project + "/pilots", pilot(pilotId)));

        String otherCoordinator = issueToken("COORDINATOR", List.of(uniqueId("other")));
        String auditor = issueToken("AUDITOR", List.of(project));
        String partnerToken = issueToken("PARTNER", List.of(project));
        for (String token : List.of(otherCoordinator, auditor, partnerToken)) {
            expect(403, api.post(token, "/api/projects/" + project + "/meetings",
                    meeting(uniqueId("m"), 1, "MAPPING", "2024-02-13", "Title")));
            expect(403, api.post(token, "/api/projects/" + project + "/workshops",
                    workshop(uniqueId("w"), 1, "2024-02-13", "Title")));
            expect(403, api.post(token, "/api/projects/" + project + "/pilots", pilot(uniqueId("p"))));
            expect(403, api.post(token, "/api/activities/" + meetingId + "/cancellation", Map.of("reason", "x")));
            expect(403, api.post(token, "/api/pilots/" + pilotId + "/inclusion", inclusion("2024-03-25", 4)));
            expect(403, api.post(token, "/api/pilots/" + pilotId + "/conclusion",
                    Map.of("concludedOn", "2024-06-01", "outcome", "x")));
            expect(403, api.post(token, "/api/pilots/" + pilotId + "/withdrawal",
                    Map.of("withdrawnOn", "2024-06-01", "reason", "x")));
        }
        assertThat(eventCount(meetingId)).isEqualTo(1);
        assertThat(eventCount(pilotId)).isEqualTo(1);

        String allProjects = issueToken("COORDINATOR", List.of());
        expect(200, api.post(allProjects, "/api/pilots/" + pilotId + "/inclusion", inclusion("2024-03-25", 4)));
        expect(200, api.post(ADMIN_TOKEN, "/api/activities/" + meetingId + "/cancellation", Map.of("reason", "Mistake")));
    }

    // --- unknown ids

    @Test
    void unknownProjectsActivitiesAndPilotsAre404ForATokenThatSeesEveryProject() {
        String unknown = uniqueId("no-such");
        String id = uniqueId("m");
        Answer meeting = api.post(ADMIN_TOKEN, "/api/projects/" + unknown + "/meetings",
                meeting(id, 1, "MAPPING", "2024-02-13", "Title"));
        expect(404, meeting);
        assertThat(meeting.json().get("detail").asText()).contains(unknown);
        expect(404, api.post(ADMIN_TOKEN, "/api/projects/" + unknown + "/workshops", workshop(id, 1, "2024-02-13", "Title")));
        expect(404, api.post(ADMIN_TOKEN, "/api/projects/" + unknown + "/pilots", pilot(id)));
        assertThat(eventCount(id)).isZero();

        Answer cancellation = api.post(ADMIN_TOKEN, "/api/activities/" + unknown + "/cancellation", Map.of("reason", "x"));
        expect(404, cancellation);
        assertThat(cancellation.json().get("detail").asText()).contains(unknown);
        expect(404, api.post(ADMIN_TOKEN, "/api/pilots/" + unknown + "/inclusion", inclusion("2024-03-25", 4)));
        expect(404, api.post(ADMIN_TOKEN, "/api/pilots/" + unknown + "/conclusion", Map.of("concludedOn", "2024-06-01", "outcome", "x")));
        expect(404, api.post(ADMIN_TOKEN, "/api/pilots/" + unknown + "/withdrawal", Map.of("withdrawnOn", "2024-06-01", "reason", "x")));
        // scope before existence: the scoped coordinator gets the 403 it would get for another project's ids
        expect(403, post("/api/activities/" + unknown + "/cancellation", Map.of("reason", "x")));
        expect(403, post("/api/pilots/" + unknown + "/inclusion", inclusion("2024-03-25", 4)));

        // an activity is not a pilot and a pilot is not an activity
        String meetingId = uniqueId("m");
        expect(201, post("/api/projects/" + project + "/meetings", meeting(meetingId, 1, "MAPPING", "2024-02-13", "Title")));
        String pilotId = uniqueId("p");
        expect(201, post("/api/projects/" + project + "/pilots", pilot(pilotId)));
        expect(404, api.post(ADMIN_TOKEN, "/api/pilots/" + meetingId + "/inclusion", inclusion("2024-03-25", 4)));
        expect(404, api.post(ADMIN_TOKEN, "/api/activities/" + pilotId + "/cancellation", Map.of("reason", "x")));
    }

    // --- rules

    @Test
    void aMeetingThatBreaksRulesNamesEveryFieldAndStoresNothing() {
        String id = uniqueId("m");
        Map<String, Object> body = meeting(id, 9, "LUNCH", "2022-01-10", " ");
        body.put("organisations", List.of(beneficiary, "769604-7238"));
        body.put("participants", Map.of("women", -1, "men", 2, "other", -3));
        Answer answer = post("/api/projects/" + project + "/meetings", body);
        expect(422, answer);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(answer)).containsExactlyInAnyOrder("kind", "title", "organisations[1]",
                "participants.women", "participants.other");
        assertThat(eventCount(id)).isZero();

        // once the request is well-formed, the project's rules: work package, period, registered organisations
        body = meeting(id, 9, "MAPPING", "2022-01-10", "Title");
        String unregistered = randomSwedish();
        body.put("organisations", List.of(beneficiary, unregistered));
        answer = post("/api/projects/" + project + "/meetings", body);
        expect(422, answer);
        assertThat(fields(answer)).containsExactlyInAnyOrder("workPackage", "date", "organisations[1]");
        assertThat(message(answer, "date")).contains("2023-10-01 to 2026-09-30");
        assertThat(message(answer, "workPackage")).contains("1, 2, 3, 4");
        assertThat(message(answer, "organisations[1]")).contains(unregistered);
        assertThat(eventCount(id)).isZero();

        Map<String, Object> missing = new HashMap<>();
        missing.put("id", id);
        answer = post("/api/projects/" + project + "/meetings", missing);
        expect(422, answer);
        assertThat(fields(answer)).containsExactlyInAnyOrder("workPackage", "kind", "date", "title");

        Answer badId = post("/api/projects/" + project + "/meetings",
                meeting("Not An Id!", 1, "MAPPING", "2024-02-13", "Title"));
        expect(422, badId);
        assertThat(fields(badId)).containsExactly("id");
        Answer wrongType = post("/api/projects/" + project + "/meetings", "{\"workPackage\": \"one\"}");
        expect(422, wrongType);
        assertThat(fields(wrongType)).containsExactly("workPackage");
        expect(400, post("/api/projects/" + project + "/meetings", "{\"workPackage\": "));
        Answer tooMany = post("/api/projects/" + project + "/meetings", "{\"participants\": {\"women\": 99999999999999}}");
        expect(422, tooMany);
        assertThat(fields(tooMany)).containsExactly("participants.women");
        assertThat(tooMany.json().get("errors").get(0).get("message").asText()).startsWith("is out of range");
        assertThat(eventCount(id)).isZero();
    }

    @Test
    void aWorkshopThatBreaksRulesNamesEveryFieldAndStoresNothing() {
        String id = uniqueId("w");
        Map<String, Object> body = workshop(id, 5, "2026-10-01", "");
        body.put("organisations", List.of(randomSwedish()));
        body.put("participants", Map.of("men", -2));
        Answer answer = post("/api/projects/" + project + "/workshops", body);
        expect(422, answer);
        assertThat(fields(answer)).containsExactlyInAnyOrder("title", "participants.men");
        body.put("title", "Workshop");
        body.put("participants", Map.of("men", 2));
        answer = post("/api/projects/" + project + "/workshops", body);
        expect(422, answer);
        assertThat(fields(answer)).containsExactlyInAnyOrder("workPackage", "date", "organisations[0]");
        assertThat(eventCount(id)).isZero();
    }

    @Test
    void aProposalNeedsNameChallengeAndARegisteredProposer() {
        String id = uniqueId("p");
        Answer answer = post("/api/projects/" + project + "/pilots",
                Map.of("id", id, "name", " ", "challenge", "", "proposedByOrgNumber", "12345"));
        expect(422, answer);
        assertThat(fields(answer)).containsExactlyInAnyOrder("name", "challenge", "proposedByOrgNumber");
        Map<String, Object> body = pilot(id);
        body.put("proposedByOrgNumber", randomSwedish());
        answer = post("/api/projects/" + project + "/pilots", body);
        expect(422, answer);
        assertThat(fields(answer)).containsExactly("proposedByOrgNumber");
        assertThat(eventCount(id)).isZero();
    }

    // --- cancellation

    @Test
    void cancelsAnActivityOnceWithAReason() {
        String id = uniqueId("m");
        expect(201, post("/api/projects/" + project + "/meetings", meeting(id, 1, "MAPPING", "2024-02-13", "Title")));

        Answer noReason = post("/api/activities/" + id + "/cancellation", Map.of("reason", " "));
        expect(422, noReason);
        assertThat(fields(noReason)).containsExactly("reason");
        expect(400, api.send("POST", coordinator, "/api/activities/" + id + "/cancellation", Map.of("reason", "x"),
                Map.of("If-Match", "\"abc\"")));
        assertThat(eventCount(id)).isEqualTo(1);

        Answer cancelled = api.send("POST", coordinator, "/api/activities/" + id + "/cancellation",
                Map.of("reason", "Recorded twice"), Map.of("If-Match", "\"1\""));
        expect(200, cancelled);
        assertThat(cancelled.header("ETag")).isEqualTo("\"2\"");
        assertThat(payload(id, 1).get("reason").asText()).isEqualTo("Recorded twice");
        assertThat(jdbc.queryForObject("SELECT cancelled FROM activity WHERE activity_id = ?", Boolean.class, id)).isTrue();

        Answer repeated = post("/api/activities/" + id + "/cancellation", Map.of("reason", "Recorded twice"));
        expect(200, repeated);
        assertThat(repeated.header("ETag")).isEqualTo("\"2\"");
        Answer again = post("/api/activities/" + id + "/cancellation", Map.of("reason", "Another reason"));
        expect(409, again);
        assertThat(again.json().get("detail").asText()).contains("already cancelled");
        assertThat(eventCount(id)).isEqualTo(2);

        String workshopId = uniqueId("w");
        expect(201, post("/api/projects/" + project + "/workshops", workshop(workshopId, 2, "2024-05-21", "Workshop")));
        expect(200, post("/api/activities/" + workshopId + "/cancellation", Map.of("reason", "Postponed")));
    }

    // --- pilot lifecycle

    @Test
    void aPilotIsProposedIncludedAndConcluded() {
        String id = uniqueId("p");
        expect(201, post("/api/projects/" + project + "/pilots", pilot(id)));
        Answer tooEarly = post("/api/pilots/" + id + "/conclusion", Map.of("concludedOn", "2024-06-01", "outcome", "Done"));
        expect(409, tooEarly);
        assertThat(tooEarly.json().get("detail").asText()).contains("PROPOSED");

        Map<String, Object> inclusion = new HashMap<>(inclusion("2024-03-25", 0));
        inclusion.put("workingGroup", List.of(partner, randomSwedish(), "not-a-number"));
        Answer invalid = post("/api/pilots/" + id + "/inclusion", inclusion);
        expect(422, invalid);
        assertThat(fields(invalid)).containsExactly("workingGroup[2]");
        inclusion.put("workingGroup", List.of(partner, randomSwedish()));
        inclusion.put("includedOn", "2023-09-30");
        invalid = post("/api/pilots/" + id + "/inclusion", inclusion);
        expect(422, invalid);
        assertThat(fields(invalid)).containsExactlyInAnyOrder("includedOn", "members", "workingGroup[1]");
        assertThat(message(invalid, "includedOn")).contains("2023-10-01 to 2026-09-30");
        expect(422, post("/api/pilots/" + id + "/inclusion", Map.of("includedOn", "25 March")));
        assertThat(eventCount(id)).isEqualTo(1);

        Answer included = post("/api/pilots/" + id + "/inclusion",
                Map.of("includedOn", "2024-03-25", "members", 4, "workingGroup", List.of(partner, beneficiary)));
        expect(200, included);
        assertThat(included.header("ETag")).isEqualTo("\"2\"");
        assertThat(payload(id, 1).get("workingGroup").toString()).contains(partner, beneficiary);
        Answer twice = post("/api/pilots/" + id + "/inclusion", inclusion("2024-03-26", 4));
        expect(409, twice);
        assertThat(twice.json().get("detail").asText()).contains("INCLUDED");

        Answer beforeInclusion = post("/api/pilots/" + id + "/conclusion", Map.of("concludedOn", "2024-03-24", "outcome", "Done"));
        expect(422, beforeInclusion);
        assertThat(fields(beforeInclusion)).containsExactly("concludedOn");
        Map<String, Object> noOutcome = new HashMap<>();
        noOutcome.put("concludedOn", "2024-06-01");
        expect(422, post("/api/pilots/" + id + "/conclusion", noOutcome));

        Answer stale = api.send("POST", coordinator, "/api/pilots/" + id + "/conclusion",
                Map.of("concludedOn", "2024-06-01", "outcome", "Concept formulated"), Map.of("If-Match", "\"1\""));
        expect(409, stale);
        assertThat(eventCount(id)).isEqualTo(2);
        Answer concluded = api.send("POST", coordinator, "/api/pilots/" + id + "/conclusion",
                Map.of("concludedOn", "2024-06-01", "outcome", "Concept formulated"), Map.of("If-Match", "\"2\""));
        expect(200, concluded);
        assertThat(concluded.header("ETag")).isEqualTo("\"3\"");

        Answer withdrawAfterwards = post("/api/pilots/" + id + "/withdrawal", Map.of("withdrawnOn", "2024-07-01", "reason", "x"));
        expect(409, withdrawAfterwards);
        assertThat(withdrawAfterwards.json().get("detail").asText()).contains("CONCLUDED");
        expect(409, post("/api/pilots/" + id + "/conclusion", Map.of("concludedOn", "2024-06-02", "outcome", "Again")));
        assertThat(eventCount(id)).isEqualTo(3);
    }

    @Test
    void aProposedOrIncludedPilotCanBeWithdrawnOnce() {
        String proposed = uniqueId("p");
        expect(201, post("/api/projects/" + project + "/pilots", pilot(proposed)));
        Answer invalid = post("/api/pilots/" + proposed + "/withdrawal", Map.of("withdrawnOn", "2026-10-01", "reason", " "));
        expect(422, invalid);
        assertThat(fields(invalid)).containsExactly("reason");
        invalid = post("/api/pilots/" + proposed + "/withdrawal", Map.of("withdrawnOn", "2026-10-01", "reason", "No time"));
        expect(422, invalid);
        assertThat(fields(invalid)).containsExactly("withdrawnOn");
        Answer withdrawn = post("/api/pilots/" + proposed + "/withdrawal", Map.of("withdrawnOn", "2024-02-01", "reason", "No time"));
        expect(200, withdrawn);
        assertThat(withdrawn.header("ETag")).isEqualTo("\"2\"");
        Answer again = post("/api/pilots/" + proposed + "/withdrawal", Map.of("withdrawnOn", "2024-02-02", "reason", "No time"));
        expect(409, again);
        assertThat(again.json().get("detail").asText()).contains("WITHDRAWN");
        expect(409, post("/api/pilots/" + proposed + "/inclusion", inclusion("2024-03-25", 4)));

        String included = uniqueId("p");
        expect(201, post("/api/projects/" + project + "/pilots", pilot(included)));
        expect(200, post("/api/pilots/" + included + "/inclusion", inclusion("2024-03-25", 4)));
        Answer beforeInclusion = post("/api/pilots/" + included + "/withdrawal", Map.of("withdrawnOn", "2024-03-01", "reason", "x"));
        expect(422, beforeInclusion);
        assertThat(fields(beforeInclusion)).containsExactly("withdrawnOn");
        expect(200, post("/api/pilots/" + included + "/withdrawal", Map.of("withdrawnOn", "2024-04-01", "reason", "Dissolved")));
        expect(409, post("/api/pilots/" + included + "/conclusion", Map.of("concludedOn", "2024-06-01", "outcome", "x")));
        assertThat(eventCount(included)).isEqualTo(3);
    }

    // --- helpers

    private Answer post(String path, Object body) {
        return api.post(coordinator, path, body);
    }

    private static Map<String, Object> meeting(String id, int workPackage, String kind, String date, String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("workPackage", workPackage);
        body.put("kind", kind);
        body.put("date", date);
        body.put("title", title);
        body.put("organisations", List.of());
        body.put("participants", Map.of("women", 0, "men", 0, "other", 0));
        body.put("notes", "");
        return body;
    }

    private static Map<String, Object> workshop(String id, int workPackage, String date, String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("workPackage", workPackage);
        body.put("date", date);
        body.put("title", title);
        body.put("targetGroup", "Aktörerna inom smart specialisering");
        body.put("organisations", List.of());
        body.put("participants", Map.of("women", 0, "men", 0, "other", 0));
        body.put("outcome", "");
        return body;
    }

    private Map<String, Object> pilot(String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("name", "Lokala matgemenskaper");
        body.put("challenge", "Omdaning av nuvarande livsmedelssystem till gagn för lokala producenter och konsumenter.");
        body.put("proposedByOrgNumber", beneficiary);
        return body;
    }

    private static Map<String, Object> inclusion(String includedOn, int members) {
        return Map.of("includedOn", includedOn, "members", members, "workingGroup", List.of());
    }

    private static String message(Answer answer, String field) {
        for (JsonNode error : answer.json().get("errors")) {
            if (error.get("field").asText().equals(field)) {
                return error.get("message").asText();
            }
        }
        throw new AssertionError("no error for " + field + " in " + answer.body());
    }

    private long eventCount(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregateId);
    }

    private JsonNode payload(String aggregateId, long sequence) {
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                byte[].class, aggregateId, sequence);
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String payloadType(String aggregateId, long sequence) {
        return jdbc.queryForObject("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                String.class, aggregateId, sequence);
    }
}
