package se.samverkan.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.query.platform.ClockConfiguration;
import se.samverkan.query.support.Platform;
import se.samverkan.query.support.StoreReads;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.events.testing.OrgNumbers.randomSwedish;
import static se.samverkan.query.support.Platform.body;

/**
 * A project of this test's own, created through the command API, for what the real scenario does not
 * exercise: the derived counting rules (organisations engaged, institutional ones), cancelled
 * activities, pilot working groups, corrected MANUAL outcomes, replans and partners.
 */
class ReadModelsDerivedRulesIT {

    private static final Platform platform = Platform.get();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PROJECT = "derived-" + RUN;

    // organisation numbers are registered once per platform, so each run makes up its own
    private static final String BENEFICIARY = randomSwedish();
    private static final String MUNICIPALITY = randomSwedish();   // PUBLIC_SECTOR
    private static final String COMPANY = randomSwedish();        // COMPANY, also a partner
    private static final String UNIVERSITY = randomSwedish();     // ACADEMIA
    private static final String CANCELLED_ONLY = randomSwedish(); // COMPANY, only in the cancelled meeting
    private static final String INCUBATOR = randomSwedish();      // BUSINESS_SUPPORT, only in the pilot's working group

    private static final String MEETING_2023 = PROJECT + "-m1";
    private static final String MEETING_2024 = PROJECT + "-m2";
    private static final String WORKSHOP_2024 = PROJECT + "-w1";
    private static final String CANCELLED_MEETING = PROJECT + "-m3";
    private static final String PILOT = PROJECT + "-pilot";

    private static String reader;
    private static JsonNode dashboard;

    private static JsonNode send(String method, String path, Object body, int expected) {
        Platform.Answer answer = platform.command(method, path, Platform.ADMIN_TOKEN, body);
        assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isEqualTo(expected);
        return answer.body().isBlank() ? null : answer.json();
    }

    private static void register(String orgNumber, String name, String category) {
        send("POST", "/api/organisations", body("orgNumber", orgNumber, "name", name + " " + RUN, "country", "SE",
                "category", category), 201);
    }

    private static Map<String, Object> participants(int women, int men, int other) {
        return body("women", women, "men", men, "other", other);
    }

    @BeforeAll
    static void createTheProject() {
        register(BENEFICIARY, "Beneficiary", "CIVIL_SOCIETY");
        register(MUNICIPALITY, "Municipality", "PUBLIC_SECTOR");
        register(COMPANY, "Company", "COMPANY");
        register(UNIVERSITY, "University", "ACADEMIA");
        register(CANCELLED_ONLY, "Cancelled Company", "COMPANY");
        register(INCUBATOR, "Incubator", "BUSINESS_SUPPORT");

        send("POST", "/api/projects", body("id", PROJECT, "caseId", "case-" + RUN, "name", "Derived rules " + RUN,
                "programme", "Test programme", "periodStart", "2023-01-01", "periodEnd", "2027-12-31",
                "beneficiaryOrgNumber", BENEFICIARY), 201);
        send("POST", "/api/projects/" + PROJECT + "/partners", body("orgNumber", COMPANY, "role", "PARTNER"), 201);
        send("POST", "/api/projects/" + PROJECT + "/work-packages", body("number", 1, "name", "Engagement",
                "plannedStart", "2023-01-01", "plannedEnd", "2027-12-31"), 201);
        send("POST", "/api/projects/" + PROJECT + "/work-packages/1/start", body("startedOn", "2023-01-01"), 200);
        send("POST", "/api/projects/" + PROJECT + "/work-packages", body("number", 2, "name", "Replanned",
                "plannedStart", "2023-01-01", "plannedEnd", "2024-06-30"), 201);
        send("POST", "/api/projects/" + PROJECT + "/work-packages/2/start", body("startedOn", "2023-02-01"), 200);
        send("POST", "/api/projects/" + PROJECT + "/work-packages/2/replan",
                body("plannedEnd", "2024-12-31", "reason", "The pilot started later"), 200);

        send("POST", "/api/projects/" + PROJECT + "/indicators", body("code", "engaged", "name", "Organisations engaged",
                "unit", "organisations", "target", 10, "countingRule", "ORGANISATIONS_ENGAGED"), 201);
        send("POST", "/api/projects/" + PROJECT + "/indicators", body("code", "institutional", "name", "Institutions engaged",
                "unit", "organisations", "target", 4, "countingRule", "INSTITUTIONAL_ORGANISATIONS_ENGAGED"), 201);
        send("POST", "/api/projects/" + PROJECT + "/indicators", body("code", "users", "name", "Users",
                "unit", "users", "target", 100, "countingRule", "MANUAL"), 201);
        send("POST", "/api/projects/" + PROJECT + "/indicators/users/outcomes", body("year", 2024, "value", 30, "note", "first count"), 201);
        send("POST", "/api/projects/" + PROJECT + "/indicators/users/outcomes", body("year", 2024, "value", 25, "note", "corrected"), 201);

        send("POST", "/api/projects/" + PROJECT + "/meetings", body("id", CANCELLED_MEETING, "workPackage", 1, "kind", "PLANNING",
                "date", "2023-03-01", "title", "Cancelled planning", "organisations", List.of(CANCELLED_ONLY, UNIVERSITY),
                "participants", participants(5, 5, 5), "notes", "never held"), 201);
        send("POST", "/api/activities/" + CANCELLED_MEETING + "/cancellation", body("reason", "Nobody could come"), 200);
        send("POST", "/api/projects/" + PROJECT + "/meetings", body("id", MEETING_2023, "workPackage", 1, "kind", "MAPPING",
                "date", "2023-05-10", "title", "First mapping", "organisations", List.of(MUNICIPALITY, COMPANY),
                "participants", participants(2, 1, 0), "notes", "a start"), 201);
        send("POST", "/api/projects/" + PROJECT + "/meetings", body("id", MEETING_2024, "workPackage", 1, "kind", "FOLLOW_UP",
                "date", "2024-02-01", "title", "Follow-up", "organisations", List.of(MUNICIPALITY, UNIVERSITY),
                "participants", participants(1, 2, 1), "notes", ""), 201);
        send("POST", "/api/projects/" + PROJECT + "/workshops", body("id", WORKSHOP_2024, "workPackage", 1, "date", "2024-03-01",
                "title", "Co-design", "targetGroup", "Companies", "organisations", List.of(COMPANY),
                "participants", participants(3, 0, 0), "outcome", "Ideas"), 201);
        send("POST", "/api/projects/" + PROJECT + "/pilots", body("id", PILOT, "name", "Pilot " + RUN,
                "challenge", "A challenge", "proposedByOrgNumber", BENEFICIARY), 201);
        send("POST", "/api/pilots/" + PILOT + "/inclusion", body("includedOn", "2024-06-01", "members", 3,
                "workingGroup", List.of(INCUBATOR, COMPANY)), 200);

        reader = platform.issueToken("PARTNER", List.of(PROJECT));
        List<se.samverkan.query.platform.eventstore.StoredEvent> events = StoreReads.ofProject(platform.jdbc(), PROJECT);
        long newest = events.get(events.size() - 1).index();
        dashboard = platform.awaitQuery("/api/projects/" + PROJECT + "/dashboard", reader, answer -> answer.status() == 200
                && answer.json().get("lastEventIndex").asLong() == newest
                && answer.json().at("/activities/cancelled").asInt() == 1
                && answer.json().at("/pilots/byStatus/INCLUDED").asInt() == 1
                && answer.json().at("/organisationsEngaged/count").asInt() == 4
                && answer.json().at("/indicators/2/total").asInt() == 25
                && answer.json().at("/workPackages/1/replans").size() == 1
                && answer.json().at("/project/partners/0/name").isTextual()
                && StreamSupport.stream(answer.json().at("/indicators/1/organisations").spliterator(), false)
                .allMatch(o -> o.get("category").isTextual()), Duration.ofSeconds(20)).json();
    }

    private static JsonNode indicator(String code) {
        return StreamSupport.stream(dashboard.get("indicators").spliterator(), false)
                .filter(i -> i.get("code").asText().equals(code)).findFirst().orElseThrow();
    }

    private static long eventIndex(String aggregateId, String eventType) {
        return platform.jdbc().queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?",
                Long.class, aggregateId, "%." + eventType);
    }

    private static Map<String, JsonNode> byOrgNumber(JsonNode organisations) {
        Map<String, JsonNode> found = new HashMap<>();
        organisations.forEach(o -> found.put(o.get("orgNumber").asText(), o));
        return found;
    }

    private static List<String> evidence(JsonNode organisation) {
        List<String> lines = new ArrayList<>();
        organisation.get("evidence").forEach(e -> lines.add(e.get("eventType").asText() + " " + e.get("aggregateId").asText()
                + " " + e.get("date").asText() + " #" + e.get("eventIndex").asLong()));
        return lines;
    }

    @Test
    void organisationsEngagedCountsEachOrganisationOnceInTheYearItFirstTookPartWithoutCancelledMeetings() {
        JsonNode engaged = indicator("engaged");
        assertThat(engaged.get("countingRule").asText()).isEqualTo("ORGANISATIONS_ENGAGED");
        assertThat(engaged.get("total").asInt()).isEqualTo(4);
        assertThat(engaged.get("byYear").toString()).isEqualTo("{\"2023\":2,\"2024\":2}");

        Map<String, JsonNode> counted = byOrgNumber(engaged.get("organisations"));
        assertThat(counted).containsOnlyKeys(MUNICIPALITY, COMPANY, UNIVERSITY, INCUBATOR);
        assertThat(counted.get(MUNICIPALITY).get("year").asInt()).isEqualTo(2023);
        assertThat(counted.get(COMPANY).get("year").asInt()).isEqualTo(2023);
        // the university's 2023 meeting was cancelled: it counts from 2024
        assertThat(counted.get(UNIVERSITY).get("year").asInt()).isEqualTo(2024);
        assertThat(counted.get(INCUBATOR).get("year").asInt()).isEqualTo(2024);
        assertThat(counted.get(MUNICIPALITY).get("name").asText()).isEqualTo("Municipality " + RUN);
        assertThat(counted.get(MUNICIPALITY).get("category").asText()).isEqualTo("PUBLIC_SECTOR");

        long meeting2023 = eventIndex(MEETING_2023, "MeetingHeld");
        long meeting2024 = eventIndex(MEETING_2024, "MeetingHeld");
        long workshop = eventIndex(WORKSHOP_2024, "WorkshopHeld");
        long inclusion = eventIndex(PILOT, "PilotIncluded");
        assertThat(evidence(counted.get(MUNICIPALITY))).containsExactly(
                "MeetingHeld " + MEETING_2023 + " 2023-05-10 #" + meeting2023,
                "MeetingHeld " + MEETING_2024 + " 2024-02-01 #" + meeting2024);
        assertThat(evidence(counted.get(COMPANY))).containsExactly(
                "MeetingHeld " + MEETING_2023 + " 2023-05-10 #" + meeting2023,
                "WorkshopHeld " + WORKSHOP_2024 + " 2024-03-01 #" + workshop,
                "PilotIncluded " + PILOT + " 2024-06-01 #" + inclusion);
        assertThat(evidence(counted.get(UNIVERSITY))).containsExactly(
                "MeetingHeld " + MEETING_2024 + " 2024-02-01 #" + meeting2024);
        assertThat(evidence(counted.get(INCUBATOR))).containsExactly(
                "PilotIncluded " + PILOT + " 2024-06-01 #" + inclusion);
    }

    @Test
    void institutionalOrganisationsAreOnlyPublicSectorAcademiaAndBusinessSupport() {
        JsonNode institutional = indicator("institutional");
        assertThat(institutional.get("total").asInt()).isEqualTo(3);
        assertThat(institutional.get("byYear").toString()).isEqualTo("{\"2023\":1,\"2024\":2}");
        Map<String, JsonNode> counted = byOrgNumber(institutional.get("organisations"));
        assertThat(counted).containsOnlyKeys(MUNICIPALITY, UNIVERSITY, INCUBATOR);
        assertThat(counted.get(UNIVERSITY).get("category").asText()).isEqualTo("ACADEMIA");
        assertThat(counted.get(INCUBATOR).get("category").asText()).isEqualTo("BUSINESS_SUPPORT");
        assertThat(evidence(counted.get(MUNICIPALITY))).hasSize(2);
    }

    @Test
    void theDashboardListsTheEngagedOrganisationsWithTheirFirstEngagement() {
        JsonNode engaged = dashboard.get("organisationsEngaged");
        assertThat(engaged.get("count").asInt()).isEqualTo(4);
        List<String> items = new ArrayList<>();
        engaged.get("items").forEach(o -> items.add(o.get("orgNumber").asText() + " " + o.get("category").asText() + " "
                + o.get("firstEngagedOn").asText()));
        List<String> expected2023 = new ArrayList<>(List.of(MUNICIPALITY + " PUBLIC_SECTOR 2023-05-10", COMPANY + " COMPANY 2023-05-10"));
        expected2023.sort(null);
        assertThat(items).containsExactly(expected2023.get(0), expected2023.get(1), UNIVERSITY + " ACADEMIA 2024-02-01",
                INCUBATOR + " BUSINESS_SUPPORT 2024-06-01");
    }

    @Test
    void aCancelledMeetingIsListedAsSuchAndCountsNowhereElse() {
        JsonNode activities = dashboard.get("activities");
        assertThat(activities.get("total").asInt()).isEqualTo(3);
        assertThat(activities.get("meetings").asInt()).isEqualTo(2);
        assertThat(activities.get("workshops").asInt()).isEqualTo(1);
        assertThat(activities.get("cancelled").asInt()).isEqualTo(1);
        assertThat(activities.at("/byWorkPackage/0/byKind").toString()).isEqualTo("{\"FOLLOW_UP\":1,\"MAPPING\":1}");
        assertThat(dashboard.get("participation").toString()).isEqualTo("{\"women\":6,\"men\":3,\"other\":1,\"total\":10}");

        JsonNode listed = platform.query("/api/projects/" + PROJECT + "/activities?to=2023-12-31", reader).json();
        assertThat(listed.size()).isEqualTo(2);
        JsonNode cancelled = listed.get(0);
        assertThat(cancelled.get("id").asText()).isEqualTo(CANCELLED_MEETING);
        assertThat(cancelled.get("cancelled").asBoolean()).isTrue();
        assertThat(cancelled.get("cancellationReason").asText()).isEqualTo("Nobody could come");
        JsonNode held = listed.get(1);
        assertThat(held.get("cancelled").asBoolean()).isFalse();
        assertThat(held.at("/organisations/0/orgNumber").asText()).isEqualTo(MUNICIPALITY);
        assertThat(held.at("/organisations/0/name").asText()).isEqualTo("Municipality " + RUN);
        assertThat(held.get("notes").asText()).isEqualTo("a start");
    }

    @Test
    void aCorrectedManualOutcomeReplacesTheEarlierOneForItsYear() {
        JsonNode users = indicator("users");
        assertThat(users.get("total").asInt()).isEqualTo(25);
        assertThat(users.get("byYear").toString()).isEqualTo("{\"2024\":25}");
        assertThat(users.get("organisations").size()).isZero();
    }

    @Test
    void replansAndPartnersShowInTheOverview() {
        JsonNode overview = platform.query("/api/projects/" + PROJECT, reader).json();
        assertThat(overview.get("partners").toString())
                .isEqualTo("[{\"orgNumber\":\"" + COMPANY + "\",\"name\":\"Company " + RUN + "\",\"role\":\"PARTNER\"}]");
        JsonNode replanned = overview.at("/workPackages/1");
        assertThat(replanned.get("plannedEnd").asText()).isEqualTo("2024-12-31");
        assertThat(replanned.get("replans").toString()).isEqualTo(
                "[{\"previousPlannedEnd\":\"2024-06-30\",\"plannedEnd\":\"2024-12-31\",\"reason\":\"The pilot started later\"}]");
        LocalDate today = LocalDate.now(ClockConfiguration.PROJECT_ZONE);
        LocalDate plannedEnd = LocalDate.of(2024, 12, 31);
        assertThat(replanned.get("lifecycle").asText()).isEqualTo("ACTIVE");
        assertThat(replanned.get("status").asText()).isEqualTo(today.isAfter(plannedEnd) ? "DELAYED" : "ACTIVE");
        assertThat(replanned.get("delayDays").asLong())
                .isEqualTo(today.isAfter(plannedEnd) ? ChronoUnit.DAYS.between(plannedEnd, today) : 0);
        // the project runs to 2027: work package 1 is on time
        assertThat(overview.at("/workPackages/0/status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void thePilotShowsItsWorkingGroupByName() {
        JsonNode pilot = platform.query("/api/projects/" + PROJECT + "/pilots", reader).json().get(0);
        assertThat(pilot.get("status").asText()).isEqualTo("INCLUDED");
        assertThat(pilot.get("members").asInt()).isEqualTo(3);
        assertThat(pilot.at("/workingGroup/0/orgNumber").asText()).isEqualTo(INCUBATOR);
        assertThat(pilot.at("/workingGroup/0/name").asText()).isEqualTo("Incubator " + RUN);
        assertThat(pilot.at("/workingGroup/1/orgNumber").asText()).isEqualTo(COMPANY);
    }
}
