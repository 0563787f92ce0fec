package se.samverkan.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.query.indicator.LinearPath;
import se.samverkan.query.platform.ClockConfiguration;
import se.samverkan.query.platform.eventstore.StoredEvent;
import se.samverkan.query.support.Platform;
import se.samverkan.query.support.StoreReads;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read models and the query API after the real scenario (Social Innovation Värmland, project
 * 'siv'): the issue's acceptance figures, the other endpoints, and scoping.
 */
class ReadModelsIT {

    private static final Platform platform = Platform.get();
    private static final LocalDate PERIOD_START = LocalDate.of(2023, 10, 1);
    private static final LocalDate PERIOD_END = LocalDate.of(2026, 9, 30);
    private static final String[] PROJECT_PATHS = {"/api/projects/%s", "/api/projects/%s/dashboard",
            "/api/projects/%s/activities", "/api/projects/%s/indicators", "/api/projects/%s/pilots"};

    private static String coordinator;
    private static JsonNode dashboard;

    @BeforeAll
    static void playTheScenario() {
        platform.playScenarioOnce();
        coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        long newestSivEvent = newestEventIndexOf("siv");
        // the read models are eventually consistent: wait until every processor has folded the scenario in
        dashboard = platform.awaitQuery("/api/projects/siv/dashboard", coordinator, answer -> answer.status() == 200
                && answer.json().get("lastEventIndex").asLong() == newestSivEvent
                && scenarioActivities(answer.json()) == 22
                && answer.json().at("/participation/total").asInt() == 15
                && answer.json().at("/pilots/byStatus/INCLUDED").asInt() == 1
                && indicator(answer.json(), "organisationer-stod") != null
                && indicator(answer.json(), "organisationer-stod").get("total").asInt() == 13
                && indicator(answer.json(), "institutionella-intressenter") != null
                && indicator(answer.json(), "institutionella-intressenter").get("total").asInt() == 8
                && "COMPLETED".equals(answer.json().at("/workPackages/0/lifecycle").asText()), Duration.ofSeconds(20)).json();
    }

    /** Activities of work packages 1 to 3: the scenario's (other test classes record theirs in work package 4). */
    private static int scenarioActivities(JsonNode dashboard) {
        int count = 0;
        for (JsonNode workPackage : dashboard.at("/activities/byWorkPackage")) {
            if (workPackage.get("workPackage").asInt() != 4) {
                count += workPackage.get("meetings").asInt() + workPackage.get("workshops").asInt();
            }
        }
        return count;
    }

    private static LocalDate today() {
        return LocalDate.now(ClockConfiguration.PROJECT_ZONE);
    }

    /** The global index of the newest event in the store that names the project. */
    private static long newestEventIndexOf(String projectId) {
        List<StoredEvent> events = StoreReads.ofProject(platform.jdbc(), projectId);
        return events.get(events.size() - 1).index();
    }

    private static JsonNode indicator(JsonNode dashboardOrList, String code) {
        JsonNode list = dashboardOrList.isArray() ? dashboardOrList : dashboardOrList.get("indicators");
        return StreamSupport.stream(list.spliterator(), false).filter(i -> i.get("code").asText().equals(code))
                .findFirst().orElse(null);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }

    @Test
    void theDashboardShowsTheIssuesAcceptanceFigures() {
        JsonNode supported = indicator(dashboard, "organisationer-stod");
        assertThat(supported.get("target").asInt()).isEqualTo(15);
        assertThat(supported.get("total").asInt()).isEqualTo(13);
        assertThat(supported.get("countingRule").asText()).isEqualTo("MANUAL");
        assertThat(supported.get("byYear").toString()).isEqualTo("{\"2023\":2,\"2024\":11}");

        JsonNode institutional = indicator(dashboard, "institutionella-intressenter");
        assertThat(institutional.get("target").asInt()).isEqualTo(10);
        assertThat(institutional.get("total").asInt()).isEqualTo(8);
        assertThat(institutional.get("byYear").toString()).isEqualTo("{\"2023\":2,\"2024\":6}");
        assertThat(indicator(dashboard, "organisationer-utvecklar").get("total").asInt()).isZero();
        assertThat(indicator(dashboard, "organisationer-utvecklar").get("byYear").size()).isZero();

        JsonNode workPackage1 = dashboard.at("/workPackages/0");
        assertThat(workPackage1.get("number").asInt()).isEqualTo(1);
        assertThat(workPackage1.get("status").asText()).isEqualTo("DELAYED");
        assertThat(workPackage1.get("lifecycle").asText()).isEqualTo("COMPLETED");
        assertThat(workPackage1.get("plannedEnd").asText()).isEqualTo("2024-03-31");
        assertThat(workPackage1.get("startedOn").asText()).isEqualTo("2023-10-01");
        assertThat(workPackage1.get("completedOn").asText()).isEqualTo("2024-05-14");
        assertThat(workPackage1.get("delayDays").asInt()).isEqualTo(44);
        assertThat(workPackage1.get("replans").size()).isZero();

        JsonNode workPackage1Activities = dashboard.at("/activities/byWorkPackage/0");
        assertThat(workPackage1Activities.get("workPackage").asInt()).isEqualTo(1);
        assertThat(workPackage1Activities.get("meetings").asInt()).isEqualTo(10);
        assertThat(workPackage1Activities.get("workshops").asInt()).isZero();
        assertThat(workPackage1Activities.get("byKind").toString()).isEqualTo("{\"MAPPING\":10}");

        assertThat(dashboard.at("/pilots/byStatus").toString()).isEqualTo("{\"INCLUDED\":1}");
        JsonNode pilot = dashboard.at("/pilots/items/0");
        assertThat(pilot.get("id").asText()).isEqualTo("pilot-matgemenskaper");
        assertThat(pilot.get("name").asText()).isEqualTo("Lokala matgemenskaper");
        assertThat(pilot.get("status").asText()).isEqualTo("INCLUDED");
        assertThat(pilot.get("includedOn").asText()).isEqualTo("2024-03-25");
        assertThat(pilot.get("members").asInt()).isEqualTo(4);
    }

    @Test
    void theDashboardsProjectActivitiesAndParticipationFollowTheScenario() {
        JsonNode project = dashboard.get("project");
        assertThat(project.get("id").asText()).isEqualTo("siv");
        assertThat(project.get("caseId").asText()).isEqualTo("20363457");
        assertThat(project.get("programme").asText()).isEqualTo("Europeiska regionala utvecklingsfonden (ERUF)");
        assertThat(project.get("periodStart").asText()).isEqualTo("2023-10-01");
        assertThat(project.get("periodEnd").asText()).isEqualTo("2026-09-30");
        assertThat(project.get("beneficiary").toString())
                .isEqualTo("{\"orgNumber\":\"769604-7237\",\"name\":\"Coompanion Värmland ekonomisk förening\"}");
        assertThat(project.get("partners").size()).isZero();

        JsonNode activities = dashboard.get("activities");
        // The scenario holds no activities in work package 4; other test classes sharing this platform (the
        // browser test) record theirs there, so the scenario's own figures are those of work packages 1 to 3.
        int meetingsInWorkPackage4 = 0;
        int workshopsInWorkPackage4 = 0;
        for (JsonNode workPackage : activities.get("byWorkPackage")) {
            if (workPackage.get("workPackage").asInt() == 4) {
                meetingsInWorkPackage4 = workPackage.get("meetings").asInt();
                workshopsInWorkPackage4 = workPackage.get("workshops").asInt();
            }
        }
        assertThat(activities.get("meetings").asInt() - meetingsInWorkPackage4).isEqualTo(18);
        assertThat(activities.get("workshops").asInt() - workshopsInWorkPackage4).isEqualTo(4);
        assertThat(activities.get("cancelled").asInt()).isZero();
        assertThat(activities.at("/byWorkPackage/1").toString())
                .isEqualTo("{\"workPackage\":2,\"meetings\":7,\"workshops\":2,\"byKind\":{\"CHECK_IN\":1,\"FOLLOW_UP\":6}}");
        assertThat(activities.at("/byWorkPackage/2").toString())
                .isEqualTo("{\"workPackage\":3,\"meetings\":1,\"workshops\":2,\"byKind\":{\"OTHER\":1}}");
        assertThat(activities.at("/byMonth/0").toString()).isEqualTo("{\"month\":\"2024-02\",\"workPackage\":1,\"count\":6}");
        int byMonthTotal = 0;
        for (JsonNode month : activities.get("byMonth")) {
            byMonthTotal += month.get("count").asInt();
        }
        assertThat(byMonthTotal).isEqualTo(22 + meetingsInWorkPackage4 + workshopsInWorkPackage4);

        assertThat(dashboard.get("participation").toString()).isEqualTo("{\"women\":0,\"men\":0,\"other\":15,\"total\":15}");
        // no meeting of the scenario names organisations, and the pilot's working group is empty
        assertThat(dashboard.at("/organisationsEngaged/count").asInt()).isZero();
    }

    @Test
    void workPackagesStillOpenAfterTheirPlannedEndAreDelayedUntilToday() {
        LocalDate today = today();
        for (int i = 1; i < 4; i++) {
            JsonNode workPackage = dashboard.get("workPackages").get(i);
            assertThat(workPackage.get("lifecycle").asText()).isEqualTo("ACTIVE");
            assertThat(workPackage.get("plannedEnd").asText()).isEqualTo("2026-09-30");
            boolean late = today.isAfter(PERIOD_END);
            assertThat(workPackage.get("status").asText()).isEqualTo(late ? "DELAYED" : "ACTIVE");
            assertThat(workPackage.get("delayDays").asLong()).isEqualTo(late ? ChronoUnit.DAYS.between(PERIOD_END, today) : 0);
        }
        List<String> delayed = new ArrayList<>();
        dashboard.get("alerts").forEach(alert -> {
            if (alert.get("kind").asText().equals("WORK_PACKAGE_DELAYED")) {
                delayed.add(alert.get("subject").asText());
            }
        });
        assertThat(delayed).containsExactlyElementsOf(today.isAfter(PERIOD_END) ? List.of("1", "2", "3", "4") : List.of("1"));
        assertThat(dashboard.get("alerts").get(0).get("message").asText()).contains("2024-05-14").contains("44 days");
    }

    @Test
    void indicatorsAreMeasuredAgainstTheStraightPathToTheirTarget() {
        LocalDate today = today();
        for (String code : List.of("organisationer-stod", "organisationer-utvecklar", "anvandare-stodstrukturer",
                "institutionella-intressenter")) {
            JsonNode indicator = indicator(dashboard, code);
            BigDecimal expected = LinearPath.expectedByNow(indicator.get("target").decimalValue(), PERIOD_START, PERIOD_END, today);
            assertThat(indicator.get("expectedByNow").decimalValue()).as(code).isEqualByComparingTo(expected);
            boolean behind = indicator.get("total").decimalValue().compareTo(expected) < 0;
            assertThat(indicator.get("behind").asBoolean()).as(code).isEqualTo(behind);
            boolean alerted = StreamSupport.stream(dashboard.get("alerts").spliterator(), false)
                    .anyMatch(alert -> alert.get("kind").asText().equals("INDICATOR_BEHIND")
                            && alert.get("subject").asText().equals(code));
            assertThat(alerted).as(code).isEqualTo(behind);
        }
    }

    @Test
    void recentChangesAreTheProjectsNewestEventsNewestFirstWithWhoAndWhen() {
        List<StoredEvent> siv = StoreReads.ofProject(platform.jdbc(), "siv");
        List<StoredEvent> newest = new ArrayList<>(siv.subList(Math.max(0, siv.size() - 20), siv.size()));
        java.util.Collections.reverse(newest);
        JsonNode changes = dashboard.get("recentChanges");
        assertThat(changes.size()).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            JsonNode change = changes.get(i);
            assertThat(change.get("eventIndex").asLong()).isEqualTo(newest.get(i).index());
            assertThat(newest.get(i).payloadType()).endsWith("." + change.get("type").asText());
            assertThat(change.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(change.get("userId").asText()).isNotBlank();
            assertThat(change.get("summary").asText()).isNotBlank();
        }
        assertThat(dashboard.get("lastEventIndex").asLong()).isEqualTo(changes.get(0).get("eventIndex").asLong());
        // the scenario's last step, unless other test classes have written into siv since
        assertThat(texts(changes, "summary")).contains("Report siv-lagesrapport-2: narrative for work package 4 written");
    }

    @Test
    void theIndicatorsListEveryCountedOrganisationWithTheOutcomeEventAsEvidence() {
        JsonNode indicators = platform.query("/api/projects/siv/indicators", coordinator).json();
        assertThat(indicators).isEqualTo(dashboard.get("indicators"));
        assertThat(texts(indicators, "code")).containsExactly("organisationer-stod", "organisationer-utvecklar",
                "anvandare-stodstrukturer", "institutionella-intressenter");

        JsonNode supported = indicator(indicators, "organisationer-stod");
        JsonNode organisations = supported.get("organisations");
        assertThat(organisations.size()).isEqualTo(13);
        List<StoredEvent> outcomeEvents = StoreReads.ofProject(platform.jdbc(), "siv").stream()
                .filter(event -> event.payloadType().endsWith(".IndicatorOutcomeRecorded")
                        && "organisationer-stod".equals(StoreReads.field(event, "code")))
                .toList();
        assertThat(outcomeEvents).hasSize(2);
        JsonNode first = organisations.get(0);
        assertThat(first.get("orgNumber").asText()).isEqualTo("769624-2796");
        assertThat(first.get("name").asText()).isEqualTo("Organisation 769624-2796");
        assertThat(first.get("category").asText()).isEqualTo("OTHER");
        assertThat(first.get("year").asInt()).isEqualTo(2023);
        for (JsonNode organisation : organisations) {
            int year = organisation.get("year").asInt();
            JsonNode evidence = organisation.get("evidence");
            assertThat(evidence.size()).isEqualTo(1);
            assertThat(evidence.at("/0/eventType").asText()).isEqualTo("IndicatorOutcomeRecorded");
            assertThat(evidence.at("/0/aggregateId").asText()).isEqualTo("siv");
            assertThat(evidence.at("/0/date").asText()).matches("\\d{4}-\\d\\d-\\d\\d");
            StoredEvent source = outcomeEvents.get(year == 2023 ? 0 : 1);
            assertThat(StoreReads.field(source, "year")).isEqualTo(String.valueOf(year));
            assertThat(evidence.at("/0/eventIndex").asLong()).isEqualTo(source.index());
        }
        assertThat(StreamSupport.stream(organisations.spliterator(), false).filter(o -> o.get("year").asInt() == 2024).count())
                .isEqualTo(11);
        assertThat(indicator(indicators, "institutionella-intressenter").get("organisations").size()).isEqualTo(8);
    }

    @Test
    void activitiesCanBeFilteredByWorkPackageAndDates() {
        JsonNode workPackage1 = platform.query("/api/projects/siv/activities?workPackage=1", coordinator).json();
        assertThat(workPackage1.size()).isEqualTo(10);
        assertThat(texts(workPackage1, "kind")).containsOnly("MAPPING");
        assertThat(texts(workPackage1, "type")).containsOnly("MEETING");
        assertThat(texts(workPackage1, "date")).isSorted();
        JsonNode firstMapping = workPackage1.get(0);
        assertThat(firstMapping.get("id").asText()).isEqualTo("wp1-mapping-01");
        assertThat(firstMapping.get("date").asText()).isEqualTo("2024-02-13");
        assertThat(firstMapping.get("title").asText()).isEqualTo("Kartläggningssamtal: The Greate Journey");
        assertThat(firstMapping.get("cancelled").asBoolean()).isFalse();

        JsonNode may = platform.query("/api/projects/siv/activities?from=2024-05-01&to=2024-05-31", coordinator).json();
        assertThat(texts(may, "id")).containsExactly("wp2-followup-02", "wp2-followup-03", "wp1-mapping-09", "wp1-mapping-10",
                "wp2-systeminnovation-1", "wp3-workshop-ideutveckling", "wp2-followup-04", "wp2-followup-05");
        JsonNode lateMappings = platform.query("/api/projects/siv/activities?workPackage=1&from=2024-04-01", coordinator).json();
        assertThat(texts(lateMappings, "id")).containsExactly("wp1-mapping-08", "wp1-mapping-09", "wp1-mapping-10");
        assertThat(platform.query("/api/projects/siv/activities?to=2024-02-02", coordinator).json().size()).isEqualTo(1);

        JsonNode all = platform.query("/api/projects/siv/activities", coordinator).json();
        assertThat(StreamSupport.stream(all.spliterator(), false).filter(a -> a.get("workPackage").asInt() != 4).count())
                .as("the scenario's activities (other test classes record theirs in work package 4)").isEqualTo(22);
        JsonNode workshop = StreamSupport.stream(all.spliterator(), false)
                .filter(a -> a.get("id").asText().equals("wp3-workshop-4v")).findFirst().orElseThrow();
        assertThat(workshop.get("type").asText()).isEqualTo("WORKSHOP");
        assertThat(workshop.get("kind").isNull()).isTrue();
        assertThat(workshop.get("workPackage").asInt()).isEqualTo(3);
        assertThat(workshop.get("targetGroup").asText()).isEqualTo("Föreningen Värmland Visar Världen Vägen");
        assertThat(workshop.get("outcome").asText()).isEqualTo("Utmaningen och möjliga lösningar skissades.");
        assertThat(workshop.get("participants").toString()).isEqualTo("{\"women\":0,\"men\":0,\"other\":15,\"total\":15}");
    }

    @Test
    void aBadFilterIsA400ThatSaysWhatToSend() {
        Map<String, String> wrongs = Map.of(
                "workPackage=one", "workPackage=1",
                "workPackage=0", "workPackage=1",
                "from=2024-13-01", "YYYY-MM-DD",
                "to=31/05/2024", "YYYY-MM-DD",
                "from=2024-06-01&to=2024-05-01", "on or before");
        wrongs.forEach((query, hint) -> {
            Platform.Answer answer = platform.query("/api/projects/siv/activities?" + query, coordinator);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(answer.json().get("detail").asText()).as(query).contains(hint);
        });
    }

    @Test
    void thePilotsAreListedWithTheirStatusAndWhoProposedThem() {
        JsonNode pilots = platform.query("/api/projects/siv/pilots", coordinator).json();
        assertThat(pilots.size()).isEqualTo(1);
        JsonNode pilot = pilots.get(0);
        assertThat(pilot.get("id").asText()).isEqualTo("pilot-matgemenskaper");
        assertThat(pilot.get("name").asText()).isEqualTo("Lokala matgemenskaper");
        assertThat(pilot.get("status").asText()).isEqualTo("INCLUDED");
        assertThat(pilot.get("includedOn").asText()).isEqualTo("2024-03-25");
        assertThat(pilot.get("members").asInt()).isEqualTo(4);
        assertThat(pilot.get("challenge").asText()).startsWith("Omdaning av nuvarande livsmedelssystem");
        assertThat(pilot.at("/proposedBy/orgNumber").asText()).isEqualTo("769604-7237");
        assertThat(pilot.at("/proposedBy/name").asText()).isEqualTo("Coompanion Värmland ekonomisk förening");
        assertThat(pilot.get("workingGroup").size()).isZero();
        assertThat(pilot.get("concludedOn").isNull()).isTrue();
    }

    @Test
    void theOverviewShowsPeriodBeneficiaryAndWorkPackagesWithStatus() {
        JsonNode overview = platform.query("/api/projects/siv", coordinator).json();
        assertThat(overview.get("name").asText()).isEqualTo("Social Innovation Värmland - ett innovationssystem");
        assertThat(overview.get("periodStart").asText()).isEqualTo("2023-10-01");
        assertThat(overview.get("periodEnd").asText()).isEqualTo("2026-09-30");
        assertThat(overview.at("/beneficiary/name").asText()).isEqualTo("Coompanion Värmland ekonomisk förening");
        assertThat(overview.get("partners").size()).isZero();
        assertThat(overview.get("workPackages")).isEqualTo(dashboard.get("workPackages"));
        assertThat(texts(overview.get("workPackages"), "name")).containsExactly("Utredda nuläge Social Innovation Värmland",
                "Önskat läge social innovation", "Etablering av Innovations-/ekosystem Social Innovation Värmland",
                "Projektsamordning, kommunikation och resultatspridning");
    }

    @Test
    void theProjectListShowsTheCallersProjectsWithCountsAndAlerts() {
        JsonNode mine = platform.query("/api/projects", coordinator).json();
        assertThat(texts(mine, "id")).containsExactly("siv");
        JsonNode siv = mine.get(0);
        int activitiesNow = platform.query("/api/projects/siv/activities", coordinator).json().size();
        assertThat(siv.get("caseId").asText()).isEqualTo("20363457");
        assertThat(siv.get("periodStart").asText()).isEqualTo("2023-10-01");
        assertThat(siv.at("/beneficiary/orgNumber").asText()).isEqualTo("769604-7237");
        assertThat(siv.get("counts").toString()).isEqualTo("{\"partners\":0,\"workPackages\":4,\"delayedWorkPackages\":"
                + (today().isAfter(PERIOD_END) ? 4 : 1) + ",\"activities\":" + activitiesNow + ",\"pilots\":1,\"indicators\":4}");
        assertThat(siv.get("alerts")).isEqualTo(dashboard.get("alerts"));
        assertThat(siv.at("/indicators/0/code").asText()).isEqualTo("organisationer-stod");
        assertThat(siv.at("/indicators/0/total").asInt()).isEqualTo(13);

        assertThat(texts(platform.query("/api/projects", Platform.ADMIN_TOKEN).json(), "id")).contains("siv");
        assertThat(texts(platform.query("/api/projects", platform.issueToken("AUDITOR", List.of())).json(), "id")).contains("siv");
    }

    @Test
    void aTokenScopedToAnotherProjectNeitherSeesNorReadsSiv() {
        String elsewhere = platform.issueToken("COORDINATOR", List.of("another-project"));
        assertThat(texts(platform.query("/api/projects", elsewhere).json(), "id")).doesNotContain("siv");
        for (String path : PROJECT_PATHS) {
            Platform.Answer answer = platform.query(path.formatted("siv"), elsewhere);
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.json().get("detail").asText()).contains("siv");
        }
        String partner = platform.issueToken("PARTNER", List.of("siv"));
        for (String path : PROJECT_PATHS) {
            assertThat(platform.query(path.formatted("siv"), partner).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void withoutATokenEveryQueryIs401() {
        assertThat(platform.query("/api/projects", null).status()).isEqualTo(401);
        for (String path : PROJECT_PATHS) {
            Platform.Answer answer = platform.query(path.formatted("siv"), null);
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
    }

    @Test
    void noEventOfTheScenarioWasParkedAsADeadLetter() {
        assertThat(platform.jdbc().queryForObject("""
                SELECT count(*) FROM dead_letter_entry WHERE processing_group IN
                    ('organisations', 'projects', 'activities', 'pilots', 'indicators', 'engagements', 'recent-changes')""",
                Long.class)).isZero();
    }

    @Test
    void anUnknownProjectIs404() {
        for (String path : PROJECT_PATHS) {
            Platform.Answer answer = platform.query(path.formatted("no-such-project"), Platform.ADMIN_TOKEN);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.json().get("detail").asText()).contains("no-such-project");
        }
    }
}
