package se.samverkan.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data the bench works on and the command mix it sends: 20 projects, each with a beneficiary and two
 * partners, three started work packages, an indicator and a draft report; then meetings, workshops, report
 * answers and pilot steps (proposal, then inclusion) spread evenly over the projects, with client-chosen ids.
 */
final class Workload {

    static final int PROJECTS = 20;
    static final String LAG_PROJECT = "bench-lag";
    private static final String[] KINDS = {"PLANNING", "CHECK_IN", "MAPPING", "FOLLOW_UP", "RETRO", "THINK_TANK", "OTHER"};
    private static final String[] QUESTIONS = {"signatory-changed", "vat-as-cost", "revenue", "purchase-agreements",
            "depreciation", "in-kind-contributions", "inclusive-culture", "target-group-involvement", "communication",
            "external-collaboration", "organisation-changes", "overall-progress", "goal-conflicts",
            "indicator-data-collection", "indicator-targets-achievable", "results-anchoring", "evaluation"};
    private static final String NOTES = "Genomgång av läget i arbetspaketet med partnerna; beslut om nästa steg, "
            + "ansvar och tidplan. Deltagarna lyfte behovet av tydligare uppföljning och bättre förankring hos "
            + "kommunerna. Minnesanteckningar skickas ut efter mötet.";

    private final Api api;
    private final String commandUrl;
    private final String adminToken;
    private final int answersPerReport;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong reportsDrafted = new AtomicLong();
    private final Map<String, Queue<String>> proposedPilots = new ConcurrentHashMap<>();
    private final Map<String, ReportCursor> reports = new ConcurrentHashMap<>();
    private final List<String> projects = new ArrayList<>();
    private final Map<String, List<String>> orgsOfProject = new ConcurrentHashMap<>();
    private String coordinatorToken;

    Workload(Api api, String commandUrl, String adminToken, int answersPerReport) {
        this.api = api;
        this.answersPerReport = answersPerReport;
        this.commandUrl = commandUrl;
        this.adminToken = adminToken;
        for (int p = 1; p <= PROJECTS; p++) {
            projects.add(String.format("bench-p%02d", p));
        }
    }

    /**
     * A project's report being answered. After answersPerReport answers the next report is drafted, so a report's
     * event stream stays as long as a real one's (a few hundred events) however long the bench runs; a store of
     * millions of events then holds many reports rather than 20 reports with enormous histories.
     */
    private static final class ReportCursor {
        static final int MAX_REPORTS = 180; // ten-day periods from 2023-01-01 stay inside the project
        int number = 1;
        int answers;
        boolean drafting;
    }

    /** Reports drafted by the mix, beyond the first of each project. */
    long reportsDrafted() {
        return reportsDrafted.get();
    }

    String coordinatorToken() {
        return coordinatorToken;
    }

    /** Creates organisations, the 20 projects and the lag-probe project, and a coordinator token for them all. */
    void setUp(int threads) throws Exception {
        List<String> scope = new ArrayList<>(projects);
        scope.add(LAG_PROJECT);
        coordinatorToken = api.expect(201, "POST", commandUrl + "/api/admin/tokens", adminToken,
                Map.of("name", "bench coordinator", "role", "COORDINATOR", "projects", scope)).json().get("token").asText();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> organisations = new ArrayList<>();
            for (int i = 0; i <= PROJECTS * 3; i++) {
                int n = i;
                organisations.add(pool.submit(() -> api.expect(201, "POST", commandUrl + "/api/organisations", adminToken,
                        Map.of("id", "bench-org-" + n, "orgNumber", orgNumber(n), "name", "Benchmark organisation " + n,
                                "country", "SE", "category", n % 2 == 0 ? "PUBLIC_SECTOR" : "CIVIL_SOCIETY"))));
            }
            for (Future<?> f : organisations) {
                f.get();
            }
            List<Future<?>> created = new ArrayList<>();
            for (int p = 0; p < PROJECTS; p++) {
                String project = projects.get(p);
                List<String> orgs = List.of(orgNumber(p * 3 + 1), orgNumber(p * 3 + 2), orgNumber(p * 3 + 3));
                orgsOfProject.put(project, orgs);
                created.add(pool.submit(() -> {
                    setUpProject(project, orgs);
                    return null;
                }));
            }
            created.add(pool.submit(() -> {
                setUpProject(LAG_PROJECT, List.of(orgNumber(0), orgNumber(1), orgNumber(2)));
                return null;
            }));
            for (Future<?> f : created) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void setUpProject(String project, List<String> orgs) {
        String base = commandUrl + "/api/projects/" + project;
        api.expect(201, "POST", commandUrl + "/api/projects", adminToken, ordered(
                "id", project, "caseId", "2023-" + project, "name", "Benchmarkprojekt " + project,
                "programme", "Europeiska regionala utvecklingsfonden (ERUF)", "periodStart", "2023-01-01",
                "periodEnd", "2027-12-31", "beneficiaryOrgNumber", orgs.get(0)));
        for (String partner : orgs.subList(1, orgs.size())) {
            api.expect(201, "POST", base + "/partners", coordinatorToken, Map.of("orgNumber", partner, "role", "PARTNER"));
        }
        for (int wp = 1; wp <= 4; wp++) {
            api.expect(201, "POST", base + "/work-packages", coordinatorToken, ordered("number", wp,
                    "name", "Arbetspaket " + wp, "plannedStart", "2023-01-01", "plannedEnd", "2027-06-30"));
            if (wp <= 3) {
                api.expect(200, "POST", base + "/work-packages/" + wp + "/start", coordinatorToken,
                        Map.of("startedOn", "2023-02-01"));
            }
        }
        api.expect(201, "POST", base + "/indicators", coordinatorToken, ordered("code", "org-engaged",
                "name", "Engagerade organisationer", "unit", "organisationer", "target", 30,
                "countingRule", "ORGANISATIONS_ENGAGED"));
        api.expect(201, "POST", base + "/reports", coordinatorToken, ordered("id", project + "-r1", "number", 1,
                "periodStart", "2024-01-01", "periodEnd", "2024-06-30"));
    }

    /**
     * One command of the mix, on a random project: 35% meetings, 15% workshops, 35% report answers (now and then
     * the draft of the project's next report instead), 15% pilot steps.
     */
    Api.Answer next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String project = projects.get(random.nextInt(projects.size()));
        int roll = random.nextInt(100);
        if (roll < 35) {
            return meeting(project, "m-" + ids.incrementAndGet());
        } else if (roll < 50) {
            return api.send("POST", commandUrl + "/api/projects/" + project + "/workshops", coordinatorToken, ordered(
                    "id", "w-" + ids.incrementAndGet(), "workPackage", 1 + random.nextInt(3), "date", someDate(),
                    "title", "Workshop om behov och lösningar", "targetGroup", "Tjänstemän i kommun och region",
                    "organisations", someOrganisations(project), "participants", participants(),
                    "outcome", NOTES));
        } else if (roll < 85) {
            ReportCursor cursor = reports.computeIfAbsent(project, p -> new ReportCursor());
            int number;
            boolean draftNext = false;
            synchronized (cursor) {
                if (cursor.answers >= answersPerReport && cursor.number < ReportCursor.MAX_REPORTS
                        && !cursor.drafting) {
                    cursor.drafting = true;
                    draftNext = true;
                    number = cursor.number + 1;
                } else {
                    cursor.answers++;
                    number = cursor.number;
                }
            }
            if (draftNext) {
                LocalDate start = LocalDate.of(2023, 1, 1).plusDays(10L * (number - 1));
                Api.Answer drafted = api.send("POST", commandUrl + "/api/projects/" + project + "/reports", coordinatorToken,
                        ordered("id", project + "-r" + number, "number", number, "periodStart", start.toString(),
                                "periodEnd", start.plusDays(9).toString()));
                synchronized (cursor) {
                    if (drafted.ok()) {
                        reportsDrafted.incrementAndGet();
                        cursor.number = number;
                        cursor.answers = 0;
                    }
                    cursor.drafting = false;
                }
                return drafted;
            }
            String key = QUESTIONS[random.nextInt(QUESTIONS.length)];
            return api.send("PUT", commandUrl + "/api/reports/" + project + "-r" + number + "/answers/" + key, coordinatorToken,
                    Map.of("answer", random.nextBoolean() ? "YES" : "NO", "text", NOTES.substring(0, 60 + random.nextInt(100))));
        } else {
            Queue<String> proposed = proposedPilots.computeIfAbsent(project, p -> new ConcurrentLinkedQueue<>());
            String pilot = proposed.poll();
            if (pilot != null) {
                return api.send("POST", commandUrl + "/api/pilots/" + pilot + "/inclusion", coordinatorToken, ordered(
                        "includedOn", someDate(), "members", 2 + random.nextInt(10),
                        "workingGroup", someOrganisations(project)));
            }
            String id = "pilot-" + ids.incrementAndGet();
            Api.Answer answer = api.send("POST", commandUrl + "/api/projects/" + project + "/pilots", coordinatorToken,
                    ordered("id", id, "name", "Pilot " + id, "challenge", NOTES,
                            "proposedByOrgNumber", orgsOfProject.get(project).get(0)));
            if (answer.ok()) {
                proposed.add(id);
            }
            return answer;
        }
    }

    /** A meeting without its title, which the command service refuses with 422 before it becomes a command. */
    Api.Answer untitledMeeting() {
        String project = projects.get(ThreadLocalRandom.current().nextInt(projects.size()));
        Map<String, Object> body = meetingBody(project, "floor-" + ids.incrementAndGet(), someDate());
        body.remove("title");
        return api.send("POST", commandUrl + "/api/projects/" + project + "/meetings", coordinatorToken, body);
    }

    Api.Answer meeting(String project, String id) {
        return meeting(project, id, someDate());
    }

    /** A meeting on a given date (the lag probe reads back only that date, so its reads stay small). */
    Api.Answer meeting(String project, String id, String date) {
        return api.send("POST", commandUrl + "/api/projects/" + project + "/meetings", coordinatorToken,
                meetingBody(project, id, date));
    }

    private Map<String, Object> meetingBody(String project, String id, String date) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ordered("id", id, "workPackage", 1 + random.nextInt(3), "kind", KINDS[random.nextInt(KINDS.length)],
                "date", date, "title", "Avstämning med partnerna", "organisations", someOrganisations(project),
                "participants", participants(), "notes", NOTES);
    }

    private List<String> someOrganisations(String project) {
        List<String> orgs = orgsOfProject.getOrDefault(project, List.of(orgNumber(0), orgNumber(1), orgNumber(2)));
        int count = ThreadLocalRandom.current().nextInt(orgs.size() + 1);
        return orgs.subList(0, count);
    }

    private static Map<String, Object> participants() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ordered("women", random.nextInt(12), "men", random.nextInt(12), "other", random.nextInt(2));
    }

    private static String someDate() {
        return LocalDate.of(2024, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(365)).toString();
    }

    /** A valid Swedish organisationsnummer (Luhn check digit) for a small number. */
    static String orgNumber(int n) {
        String digits = String.format("556%06d", n);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int d = (digits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        int check = (10 - sum % 10) % 10;
        return digits.substring(0, 6) + "-" + digits.substring(6) + check;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
