package se.samverkan.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.Platform;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md's input rules held against every command endpoint and the subscription endpoints: a table of
 * bad requests (raw bytes, so that broken JSON and broken UTF-8 reach the services as a careless or hostile
 * client sends them), each answered with problem+json and the expected status (and field), none storing
 * anything, and both services healthy afterwards. The ids are those of the real scenario.
 */
class BadInputCorpusIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String REPORT = "/api/reports/siv-lagesrapport-2";
    private static final String PILOT = "/api/pilots/pilot-matgemenskaper";
    private static final String LINE_201 = "a".repeat(201);
    private static final String TEXT_10001 = "a".repeat(10_001);
    private static final byte[] OVER_ONE_MIB = ("{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

    /** One bad request and what it must get: a status, and for a 422 the field the answer names. */
    record Case(String service, String method, String path, String contentType, byte[] body, boolean chunked,
                int status, String field) {
        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 90), StandardCharsets.UTF_8);
            return method + " " + service + path + " [" + contentType + "] " + shown.replaceAll("\\p{Cntrl}", "?")
                    + (body != null && body.length > 90 ? "... (" + body.length + " bytes)" : "");
        }
    }

    /** A body endpoint of the corpus, with one of its one-line text fields. */
    record Endpoint(String service, String method, String path, String textField) {
    }

    private static Platform platform;
    private static String coordinator;
    private static String subscriptionId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void scenario() {
        platform = Platform.get();
        platform.playScenarioOnce();
        coordinator = platform.issueToken("COORDINATOR", List.of("siv"));
        Platform.Answer created = platform.send(platform.queryUrl(), "POST", "/api/subscriptions", coordinator,
                Map.of("url", "http://127.0.0.1:9/corpus", "eventTypes", List.of("ReportSubmitted"), "projects", List.of("siv")),
                Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        subscriptionId = created.json().get("id").asText();
    }

    private static List<Endpoint> bodyEndpoints() {
        return List.of(
                new Endpoint("command", "POST", "/api/admin/tokens", "name"),
                new Endpoint("command", "POST", "/api/organisations", "name"),
                new Endpoint("command", "POST", "/api/projects", "name"),
                new Endpoint("command", "POST", "/api/projects/siv/partners", "orgNumber"),
                new Endpoint("command", "POST", "/api/projects/siv/work-packages", "name"),
                new Endpoint("command", "POST", "/api/projects/siv/work-packages/2/start", "startedOn"),
                new Endpoint("command", "POST", "/api/projects/siv/work-packages/2/completion", "completedOn"),
                new Endpoint("command", "POST", "/api/projects/siv/work-packages/2/replan", "plannedEnd"),
                new Endpoint("command", "POST", "/api/projects/siv/indicators", "unit"),
                new Endpoint("command", "POST", "/api/projects/siv/indicators/organisationer-stod/outcomes", "note"),
                new Endpoint("command", "POST", "/api/projects/siv/meetings", "title"),
                new Endpoint("command", "POST", "/api/projects/siv/workshops", "targetGroup"),
                new Endpoint("command", "POST", "/api/activities/wp1-mapping-01/cancellation", "reason"),
                new Endpoint("command", "POST", "/api/projects/siv/pilots", "name"),
                new Endpoint("command", "POST", PILOT + "/inclusion", "includedOn"),
                new Endpoint("command", "POST", PILOT + "/conclusion", "concludedOn"),
                new Endpoint("command", "POST", PILOT + "/withdrawal", "withdrawnOn"),
                new Endpoint("command", "POST", "/api/projects/siv/reports", "periodStart"),
                new Endpoint("command", "PUT", REPORT + "/answers/revenue", "answer"),
                new Endpoint("command", "PUT", REPORT + "/work-packages/1", "obstacles"),
                new Endpoint("command", "POST", REPORT + "/submission", "signatory"),
                new Endpoint("command", "POST", REPORT + "/return", "reason"),
                new Endpoint("command", "POST", REPORT + "/approval", "comment"),
                new Endpoint("query", "POST", "/api/subscriptions", "url"),
                new Endpoint("query", "POST", "/api/subscriptions/{own}/replay", "since"));
    }

    private static List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        for (Endpoint e : bodyEndpoints()) {
            String f = e.textField();
            cases.add(raw(e, JSON_TYPE, "{\"" + f + "\": \"cut off", 400, null));
            cases.add(raw(e, JSON_TYPE, bytes("{\"" + f + "\": \"", new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF}, "\"}"), 400, null));
            cases.add(raw(e, JSON_TYPE, "{} {}", 400, null));
            cases.add(raw(e, JSON_TYPE, "{\"" + f + "\": \"a\", \"" + f + "\": \"b\"}", 400, null));
            cases.add(raw(e, JSON_TYPE, "{\"colour\": \"red\"}", 422, "colour"));
            cases.add(raw(e, JSON_TYPE, "{\"" + f + "\": \"a\\u0000b\"}", 422, f));
            cases.add(raw(e, "text/plain", "{}", 415, null));
            cases.add(new Case(e.service(), e.method(), e.path(), JSON_TYPE, OVER_ONE_MIB, false, 413, null));
        }
        Endpoint tokens = endpoint("/api/admin/tokens");
        Endpoint organisations = endpoint("/api/organisations");
        Endpoint projects = endpoint("/api/projects");
        Endpoint workPackages = endpoint("/api/projects/siv/work-packages");
        Endpoint replan = endpoint("/api/projects/siv/work-packages/2/replan");
        Endpoint indicators = endpoint("/api/projects/siv/indicators");
        Endpoint outcomes = endpoint("/api/projects/siv/indicators/organisationer-stod/outcomes");
        Endpoint meetings = endpoint("/api/projects/siv/meetings");
        Endpoint workshops = endpoint("/api/projects/siv/workshops");
        Endpoint cancellation = endpoint("/api/activities/wp1-mapping-01/cancellation");
        Endpoint pilots = endpoint("/api/projects/siv/pilots");
        Endpoint inclusion = endpoint(PILOT + "/inclusion");
        Endpoint conclusion = endpoint(PILOT + "/conclusion");
        Endpoint withdrawal = endpoint(PILOT + "/withdrawal");
        Endpoint reports = endpoint("/api/projects/siv/reports");
        Endpoint answers = endpoint(REPORT + "/answers/revenue");
        Endpoint narrative = endpoint(REPORT + "/work-packages/1");
        Endpoint submission = endpoint(REPORT + "/submission");
        Endpoint returning = endpoint(REPORT + "/return");
        Endpoint approval = endpoint(REPORT + "/approval");
        Endpoint subscriptions = endpoint("/api/subscriptions");
        Endpoint replay = endpoint("/api/subscriptions/{own}/replay");

        // whole numbers are JSON integers, never rounded
        cases.add(json(meetings, Map.of("workPackage", 1.5), 422, "workPackage"));
        cases.add(raw(meetings, JSON_TYPE, "{\"workPackage\": 2.0}", 422, "workPackage"));
        cases.add(raw(meetings, JSON_TYPE, "{\"workPackage\": 1e0}", 422, "workPackage"));
        cases.add(json(meetings, Map.of("participants", Map.of("women", 1.5)), 422, "participants.women"));
        cases.add(json(meetings, Map.of("participants", Map.of("men", "2")), 422, "participants.men"));
        cases.add(json(meetings, Map.of("participants", "many"), 422, "participants"));
        cases.add(json(workshops, Map.of("participants", Map.of("other", 0.5)), 422, "participants.other"));
        cases.add(json(workshops, Map.of("workPackage", 2.5), 422, "workPackage"));
        cases.add(json(reports, Map.of("number", 1.5), 422, "number"));
        cases.add(json(reports, Map.of("number", "2"), 422, "number"));
        cases.add(json(inclusion, Map.of("members", 2.5), 422, "members"));
        cases.add(json(workPackages, Map.of("number", 1.5, "name", "x", "plannedStart", "2024-01-01", "plannedEnd", "2024-02-01"), 422, "number"));
        cases.add(json(outcomes, Map.of("year", 2024.5, "organisations", List.of("769624-2796")), 422, "year"));

        // names, titles, signatories, target groups, units, token names: 200 characters on one line
        cases.add(json(tokens, Map.of("name", LINE_201, "role", "PARTNER"), 422, "name"));
        cases.add(json(tokens, Map.of("name", "two\nlines", "role", "PARTNER"), 422, "name"));
        cases.add(json(organisations, Map.of("name", LINE_201), 422, "name"));
        cases.add(json(organisations, Map.of("id", LINE_201), 422, "id"));
        cases.add(json(projects, Map.of("name", LINE_201), 422, "name"));
        cases.add(json(projects, Map.of("caseId", LINE_201), 422, "caseId"));
        cases.add(json(projects, Map.of("programme", "a\u001bb"), 422, "programme"));
        cases.add(json(workPackages, Map.of("name", LINE_201), 422, "name"));
        cases.add(json(indicators, Map.of("name", LINE_201), 422, "name"));
        cases.add(json(indicators, Map.of("unit", LINE_201), 422, "unit"));
        cases.add(json(indicators, Map.of("code", "a\u0001b"), 422, "code"));
        cases.add(json(meetings, Map.of("title", LINE_201), 422, "title"));
        cases.add(json(meetings, Map.of("title", "one\r\ntwo"), 422, "title"));
        cases.add(json(meetings, Map.of("title", "tab\there"), 422, "title"));
        cases.add(json(workshops, Map.of("title", LINE_201), 422, "title"));
        cases.add(json(workshops, Map.of("targetGroup", LINE_201), 422, "targetGroup"));
        cases.add(json(pilots, Map.of("name", LINE_201), 422, "name"));
        cases.add(json(submission, Map.of("signatory", LINE_201), 422, "signatory"));
        cases.add(json(submission, Map.of("signatory", "Anna\rAndersson"), 422, "signatory"));

        // free texts: 10,000 characters
        cases.add(json(replan, Map.of("plannedEnd", "2026-12-31", "reason", TEXT_10001), 422, "reason"));
        cases.add(json(outcomes, Map.of("note", TEXT_10001), 422, "note"));
        cases.add(json(meetings, Map.of("notes", TEXT_10001), 422, "notes"));
        cases.add(json(workshops, Map.of("outcome", TEXT_10001), 422, "outcome"));
        cases.add(json(cancellation, Map.of("reason", TEXT_10001), 422, "reason"));
        cases.add(json(pilots, Map.of("challenge", TEXT_10001), 422, "challenge"));
        cases.add(json(conclusion, Map.of("outcome", TEXT_10001), 422, "outcome"));
        cases.add(json(withdrawal, Map.of("reason", TEXT_10001), 422, "reason"));
        cases.add(json(answers, Map.of("answer", "YES", "text", TEXT_10001), 422, "text"));
        cases.add(json(narrative, Map.of("result", TEXT_10001), 422, "result"));
        cases.add(json(narrative, Map.of("obstacles", TEXT_10001), 422, "obstacles"));
        cases.add(json(returning, Map.of("reason", TEXT_10001), 422, "reason"));
        cases.add(json(approval, Map.of("comment", TEXT_10001), 422, "comment"));

        // control characters (free texts too, but for tab and line breaks), lone surrogates, non-characters
        cases.add(json(meetings, Map.of("notes", "bell\u0007"), 422, "notes"));
        cases.add(json(meetings, Map.of("notes", "escape\u001b[31m"), 422, "notes"));
        cases.add(json(answers, Map.of("answer", "YES", "text", "start\u0001"), 422, "text"));
        cases.add(json(cancellation, Map.of("reason", "nul\u0000"), 422, "reason"));
        cases.add(json(organisations, Map.of("name", "bell\u0007"), 422, "name"));
        cases.add(raw(meetings, JSON_TYPE, "{\"notes\": \"lone \\ud800 surrogate\"}", 422, "notes"));
        cases.add(raw(meetings, JSON_TYPE, "{\"title\": \"\\udc00\"}", 422, "title"));
        cases.add(raw(submission, JSON_TYPE, "{\"signatory\": \"Anna \\ud83d\"}", 422, "signatory"));
        cases.add(raw(returning, JSON_TYPE, "{\"reason\": \"x\\uffffx\"}", 422, "reason"));
        cases.add(raw(pilots, JSON_TYPE, "{\"name\": \"\\ufdd0\"}", 422, "name"));
        cases.add(raw(answers, JSON_TYPE, "{\"answer\": \"YES\", \"text\": \"\\ud83f\\udffe\"}", 422, "text"));
        cases.add(raw(organisations, JSON_TYPE, bytes("{\"name\": \"", new byte[]{(byte) 0xEF, (byte) 0xBF, (byte) 0xBF}, "\"}"), 422, "name"));
        cases.add(json(subscriptions, Map.of("url", "http://example.com/\u0000", "projects", List.of("siv")), 422, "url"));
        cases.add(json(replay, Map.of("since", "2024-01-01T00:00:00Z\u0000"), 422, "since"));

        // lists: at most 500 entries, every entry checked
        List<String> many = Collections.nCopies(501, "x");
        cases.add(json(tokens, Map.of("name", "n", "role", "PARTNER", "projects", many), 422, "projects"));
        cases.add(json(tokens, Map.of("name", "n", "role", "PARTNER", "projects", List.of("ok", "a\u0000")), 422, "projects[1]"));
        cases.add(json(meetings, Map.of("organisations", many), 422, "organisations"));
        cases.add(json(meetings, Map.of("organisations", List.of("769624-2796", "x\u001b")), 422, "organisations[1]"));
        cases.add(json(workshops, Map.of("organisations", many), 422, "organisations"));
        cases.add(json(outcomes, Map.of("organisations", many), 422, "organisations"));
        cases.add(json(inclusion, Map.of("workingGroup", many), 422, "workingGroup"));
        cases.add(json(inclusion, Map.of("workingGroup", List.of("\u0007")), 422, "workingGroup[0]"));
        cases.add(json(subscriptions, Map.of("url", "http://example.com/", "eventTypes", many, "projects", List.of("siv")), 422, "eventTypes"));
        cases.add(json(subscriptions, Map.of("url", "http://example.com/", "eventTypes", List.of("a\u0000"), "projects", List.of("siv")), 422, "eventTypes[0]"));
        cases.add(json(subscriptions, Map.of("url", "http://example.com/", "projects", many), 422, "projects"));
        cases.add(json(subscriptions, Map.of("url", "http://example.com/", "projects", List.of("si\u001bv")), 422, "projects[0]"));

        // URLs: 2,000 characters; webhook targets in dotted decimal, never link-local or cloud metadata
        cases.add(json(subscriptions, Map.of("url", "http://example.com/" + "a".repeat(1982), "projects", List.of("siv")), 422, "url"));
        for (String target : List.of("http://0177.0.0.1/", "http://0x7f.1/", "http://127.1/", "http://2130706433/",
                "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://[::ffff:169.254.169.254]/",
                "http://[fe80::1]/")) {
            cases.add(json(subscriptions, Map.of("url", target, "projects", List.of("siv")), 422, "url"));
        }

        // bodies that are not one JSON object, and other content types
        cases.add(raw(meetings, JSON_TYPE, "", 400, null));
        cases.add(raw(meetings, JSON_TYPE, "[]", 400, null));
        cases.add(raw(meetings, JSON_TYPE, "\"title\"", 400, null));
        cases.add(raw(meetings, JSON_TYPE, "{\"title\": \"a\"}}", 400, null));
        cases.add(raw(subscriptions, JSON_TYPE, "{\"url\": \"http://example.com/\"} x", 400, null));
        cases.add(raw(organisations, "application/x-www-form-urlencoded", "name=x", 415, null));
        cases.add(raw(organisations, "application/xml", "<organisation/>", 415, null));
        cases.add(raw(subscriptions, "text/plain", "{}", 415, null));
        cases.add(raw(organisations, "application/json; charset=ISO-8859-1",
                bytes("{\"name\": \"", new byte[]{(byte) 0xE5}, "sa\"}"), 415, null));
        cases.add(raw(subscriptions, "application/json; charset=UTF-16", "{}", 415, null));
        cases.add(new Case("command", "POST", "/api/projects/siv/meetings", JSON_TYPE, OVER_ONE_MIB, true, 413, null));
        cases.add(new Case("query", "POST", "/api/subscriptions", JSON_TYPE, OVER_ONE_MIB, true, 413, null));

        // ids in the path: problem+json, never Tomcat's HTML page
        cases.add(path("command", "POST", "/api/projects/si%01v/meetings", 422, "projectId"));
        cases.add(path("command", "PUT", "/api/reports/x%1Bx/answers/revenue", 422, "reportId"));
        cases.add(path("command", "PUT", REPORT + "/answers/re%07venue", 422, "key"));
        cases.add(path("command", "POST", "/api/pilots/" + LINE_201 + "/inclusion", 422, "pilotId"));
        cases.add(path("command", "POST", "/api/activities/%EF%BF%BF/cancellation", 422, "activityId"));
        cases.add(path("command", "POST", "/api/projects/siv%2Fx/meetings", 400, null));
        cases.add(path("command", "POST", "/api/projects/siv%5Cx/meetings", 400, null));
        cases.add(path("command", "POST", "/api/projects/siv%00x/meetings", 400, null));
        cases.add(path("command", "DELETE", "/api/admin/tokens/a%2Fb", 400, null));
        cases.add(path("command", "DELETE", "/api/admin/tokens/a%00b", 400, null));
        cases.add(path("command", "DELETE", "/api/admin/tokens/a%01b", 422, "tokenId"));
        cases.add(path("query", "DELETE", "/api/subscriptions/a%01b", 422, "subscriptionId"));
        cases.add(path("query", "GET", "/api/subscriptions/a%2Fb/deliveries", 400, null));
        cases.add(path("query", "GET", "/api/subscriptions/%EF%BF%BF/deliveries", 422, "subscriptionId"));
        cases.add(path("query", "POST", "/api/subscriptions/a%00b/replay", 400, null));
        cases.add(path("query", "DELETE", "/api/subscriptions/a%5Cb", 400, null));
        cases.add(path("command", "DELETE", "/api/admin/tokens/a%ffb", 400, null));
        cases.add(path("command", "DELETE", "/api/admin/tokens/" + "a".repeat(10_000), 400, null));
        cases.add(path("query", "GET", "/api/subscriptions/" + LINE_201 + "/deliveries", 422, "subscriptionId"));

        // the id of another kind of aggregate is no token
        cases.add(path("command", "DELETE", "/api/admin/tokens/siv", 404, null));
        cases.add(path("command", "DELETE", "/api/admin/tokens/wp1-mapping-01", 404, null));
        cases.add(path("command", "DELETE", "/api/admin/tokens/siv-lagesrapport-2", 404, null));
        return cases;
    }

    @Test
    void everyBadInputIsRefusedWithAProblemAndNothingIsStored() {
        List<Case> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
        SoftAssertions soft = new SoftAssertions();
        for (Case c : corpus) {
            long eventsBefore = count("domain_event_entry");
            long subscriptionsBefore = count("webhook_subscription");

            HttpResponse<String> answer = send(c);

            soft.assertThat(answer.statusCode()).as(c + " answered " + answer.body()).isEqualTo(c.status());
            soft.assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(c + " content type")
                    .startsWith("application/problem+json");
            if (c.field() != null) {
                soft.assertThat(fieldsNamed(answer.body())).as(c + " names the field: " + answer.body()).contains(c.field());
            }
            soft.assertThat(count("domain_event_entry")).as(c + " stored an event").isEqualTo(eventsBefore);
            soft.assertThat(count("webhook_subscription")).as(c + " stored a subscription").isEqualTo(subscriptionsBefore);
        }
        for (String base : List.of(platform.commandUrl(), platform.queryUrl())) {
            HttpResponse<String> health = send(new Case("", "GET", base + "/actuator/health", null, null, false, 200, null), "");
            soft.assertThat(health.statusCode()).as(base + " health after the corpus").isEqualTo(200);
            soft.assertThat(health.body()).as(base + " health after the corpus").contains("\"UP\"");
        }
        soft.assertAll();
    }

    @Test
    void valuesExactlyAtTheLimitsAreAccepted() {
        String project = "corpus-" + UUID.randomUUID().toString().substring(0, 8);
        String line200 = "Å".repeat(199) + "\uD83D\uDE00";
        String text10000 = ("Rad ett\tmed tabb\r\n" + "x".repeat(82)).repeat(100);
        assertThat(text10000).hasSize(10_000);

        expect(201, "command", "POST", "/api/projects", Map.of("id", project, "caseId", "a".repeat(200), "name", line200,
                "programme", line200, "periodStart", "2024-01-01", "periodEnd", "2026-12-31", "beneficiaryOrgNumber", "769604-7237"));
        expect(201, "command", "POST", "/api/projects/" + project + "/work-packages",
                Map.of("number", 1, "name", line200, "plannedStart", "2024-01-01", "plannedEnd", "2026-12-31"));
        expect(200, "command", "POST", "/api/projects/" + project + "/work-packages/1/replan",
                Map.of("plannedEnd", "2026-11-30", "reason", text10000));
        Map<String, Object> meeting = new LinkedHashMap<>();
        meeting.put("workPackage", 1);
        meeting.put("kind", "PLANNING");
        meeting.put("date", "2024-03-01");
        meeting.put("title", line200);
        meeting.put("organisations", List.of());
        meeting.put("participants", Map.of("women", 2, "men", 1));
        meeting.put("notes", text10000);
        expect(201, "command", "POST", "/api/projects/" + project + "/meetings", meeting);
        List<String> fiveHundredProjects = IntStream.range(0, 500).mapToObj(i -> "p-" + i).toList();
        expect(201, "command", "POST", "/api/admin/tokens", Map.of("name", line200, "role", "PARTNER", "projects", fiveHundredProjects));
        String url = "http://127.0.0.1:9/" + "u".repeat(2_000 - 19);
        assertThat(url).hasSize(2_000);
        expect(201, "query", "POST", "/api/subscriptions", Map.of("url", url, "projects", List.of("siv")));
    }

    private void expect(int status, String service, String method, String path, Map<String, ?> body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> answer = send(new Case(service, method, path, JSON_TYPE, bytes, false, status, null));
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(status);
    }

    private HttpResponse<String> send(Case c) {
        String base = c.service().equals("command") ? platform.commandUrl() : platform.queryUrl();
        return send(c, base);
    }

    private HttpResponse<String> send(Case c, String base) {
        String path = c.path().replace("{own}", subscriptionId);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (c.body() == null) {
            request.method(c.method(), HttpRequest.BodyPublishers.noBody());
        } else if (c.chunked()) {
            // no Content-Length: the limit must hold while reading, too
            request.method(c.method(), HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body())));
        } else {
            request.method(c.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()));
        }
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        if (!c.service().isEmpty()) {
            request.header("Authorization", "Bearer " + (c.service().equals("command") ? Platform.ADMIN_TOKEN : coordinator));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(c.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(String table) {
        Long rows = platform.jdbc().queryForObject("SELECT count(*) FROM " + table, Long.class);
        return rows == null ? 0 : rows;
    }

    private static List<String> fieldsNamed(String problem) {
        try {
            JsonNode errors = JSON.readTree(problem).path("errors");
            List<String> fields = new ArrayList<>();
            errors.forEach(error -> fields.add(error.path("field").asText()));
            return fields;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Endpoint endpoint(String path) {
        return bodyEndpoints().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow();
    }

    private static Case raw(Endpoint e, String contentType, String body, int status, String field) {
        return raw(e, contentType, body.getBytes(StandardCharsets.UTF_8), status, field);
    }

    private static Case raw(Endpoint e, String contentType, byte[] body, int status, String field) {
        return new Case(e.service(), e.method(), e.path(), contentType, body, false, status, field);
    }

    private static Case json(Endpoint e, Map<String, ?> body, int status, String field) {
        try {
            return raw(e, JSON_TYPE, JSON.writeValueAsBytes(body), status, field);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Case path(String service, String method, String path, int status, String field) {
        return new Case(service, method, path, method.equals("GET") || method.equals("DELETE") ? null : JSON_TYPE,
                method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(StandardCharsets.UTF_8), false,
                status, field);
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
