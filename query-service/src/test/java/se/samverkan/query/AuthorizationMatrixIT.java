package se.samverkan.query;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import se.samverkan.query.support.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every door of both services, tried by every kind of caller: no token, a malformed token, a revoked
 * token, and an ADMIN token (never scoped) and a COORDINATOR, AUDITOR and PARTNER token scoped to project
 * A, each against project A, project B and an id that names nothing (and for ids below a project: a
 * report, pilot, activity of A or B). Each answer's status is compared with the table below; the test
 * also fails when a handler method of either service has no row, or a row no handler method.
 *
 * <p>The table's cells: {@code 2xx} any success; {@code ok} through the door, the answer being the
 * endpoint's own (2xx, 3xx, 400, 409 or 422: the bodies sent are often incomplete on purpose, so that
 * nothing much is stored); {@code 401}, {@code 403}, {@code 404} exactly that; {@code 302} a redirect to
 * the sign-in page; {@code skip} not called (see the row). A row gives the three unauthenticated callers'
 * cell first, then per role (ADMIN | COORDINATOR | AUDITOR | PARTNER) the cells for A, B and the unknown
 * id, or one cell when the request names no project.
 *
 * <p>Scope before existence: a scoped token gets 403 for an id outside its scope whether that id exists
 * (B) or not (unknown); only a token that sees every project learns that an id names nothing (404).
 * Subscriptions belong to their owner: another's subscription and an unknown id are both 404.
 */
class AuthorizationMatrixIT {

    private enum Service { COMMAND, QUERY }

    private enum Caller { NONE, MALFORMED, REVOKED, ADMIN, COORDINATOR, AUDITOR, PARTNER }

    private enum Target { A, B, UNKNOWN }

    private static final String API = "401";
    private static final String PAGE = "302";
    private static final String AUDIT = "2xx 2xx 404 | 2xx 403 403 | 2xx 403 403 | 403 403 403";
    private static final String READ = "2xx 2xx 404 | 2xx 403 403 | 2xx 403 403 | 2xx 403 403";
    private static final String COORDINATOR_WRITE = "ok ok 404 | ok 403 403 | 403 403 403 | 403 403 403";
    /** Creating below a project: an incomplete body is refused (422) before an unscoped token learns the project is unknown. */
    private static final String COORDINATOR_CREATE = "ok ok 422 | ok 403 403 | 403 403 403 | 403 403 403";
    private static final String AUDITOR_WRITE = "ok ok 404 | 403 403 403 | ok 403 403 | 403 403 403";
    private static final String OWN_SUBSCRIPTION = "2xx 404 404 | 2xx 404 404 | 403 403 403 | 2xx 404 404";
    private static final String ADMIN_ONLY = "2xx | 403 | 403 | 403";
    private static final String BENEFICIARY = "769604-7237"; // registered by the scenario

    /**
     * One request of a row; {project}, {report}, {pilot}, {activity}, {subscription}, {token} name its target,
     * {now} is the current instant.
     */
    private record Probe(String method, String path, String body, String contentType) {
    }

    private record Row(Service service, String mapping, String unauthenticated, String cells, List<Probe> probes) {
    }

    private static final List<Row> TABLE = new ArrayList<>();

    private static void row(Service service, String mapping, String unauthenticated, String cells, Probe... probes) {
        TABLE.add(new Row(service, mapping, unauthenticated, cells, List.of(probes)));
    }

    private static Probe call(String method, String path, String body) {
        return new Probe(method, path, body, "application/json");
    }

    private static Probe form(String path, String body) {
        return new Probe("POST", path, body, "application/x-www-form-urlencoded");
    }

    static {
        Service c = Service.COMMAND;
        row(c, "POST /api/admin/tokens", API, ADMIN_ONLY,
                call("POST", "/api/admin/tokens", "{\"name\":\"matrix\",\"role\":\"PARTNER\",\"projects\":[]}"));
        row(c, "DELETE /api/admin/tokens/{tokenId}", API, "2xx 2xx 404 | 403 403 403 | 403 403 403 | 403 403 403",
                call("DELETE", "/api/admin/tokens/{token}", null));
        row(c, "POST /api/admin/lookups/rebuild", API, ADMIN_ONLY, call("POST", "/api/admin/lookups/rebuild", null));
        row(c, "POST /api/organisations", API, "ok | ok | 403 | 403", call("POST", "/api/organisations", "{}"));
        // the id of a new project must lie in a scoped token's scope
        row(c, "POST /api/projects", API, "ok ok ok | ok 403 403 | 403 403 403 | 403 403 403",
                call("POST", "/api/projects", "{\"id\":\"{project}\"}"));
        row(c, "POST /api/projects/{projectId}/partners", API, COORDINATOR_WRITE, call("POST", "/api/projects/{project}/partners", "{}"));
        row(c, "POST /api/projects/{projectId}/work-packages", API, COORDINATOR_WRITE,
                call("POST", "/api/projects/{project}/work-packages", "{}"));
        row(c, "POST /api/projects/{projectId}/work-packages/{number}/start", API, COORDINATOR_WRITE,
                call("POST", "/api/projects/{project}/work-packages/1/start", "{}"));
        row(c, "POST /api/projects/{projectId}/work-packages/{number}/completion", API, COORDINATOR_WRITE,
                call("POST", "/api/projects/{project}/work-packages/1/completion", "{}"));
        row(c, "POST /api/projects/{projectId}/work-packages/{number}/replan", API, COORDINATOR_WRITE,
                call("POST", "/api/projects/{project}/work-packages/1/replan", "{}"));
        row(c, "POST /api/projects/{projectId}/indicators", API, COORDINATOR_WRITE, call("POST", "/api/projects/{project}/indicators", "{}"));
        row(c, "POST /api/projects/{projectId}/indicators/{code}/outcomes", API, COORDINATOR_WRITE,
                call("POST", "/api/projects/{project}/indicators/people/outcomes", "{}"));
        row(c, "POST /api/projects/{projectId}/meetings", API, COORDINATOR_CREATE, call("POST", "/api/projects/{project}/meetings", "{}"));
        row(c, "POST /api/projects/{projectId}/workshops", API, COORDINATOR_CREATE, call("POST", "/api/projects/{project}/workshops", "{}"));
        row(c, "POST /api/activities/{activityId}/cancellation", API, COORDINATOR_WRITE,
                call("POST", "/api/activities/{activity}/cancellation", "{}"));
        row(c, "POST /api/projects/{projectId}/pilots", API, COORDINATOR_CREATE, call("POST", "/api/projects/{project}/pilots", "{}"));
        row(c, "POST /api/pilots/{pilotId}/inclusion", API, COORDINATOR_WRITE, call("POST", "/api/pilots/{pilot}/inclusion", "{}"));
        row(c, "POST /api/pilots/{pilotId}/conclusion", API, COORDINATOR_WRITE, call("POST", "/api/pilots/{pilot}/conclusion", "{}"));
        row(c, "POST /api/pilots/{pilotId}/withdrawal", API, COORDINATOR_WRITE, call("POST", "/api/pilots/{pilot}/withdrawal", "{}"));
        row(c, "POST /api/projects/{projectId}/reports", API, COORDINATOR_CREATE, call("POST", "/api/projects/{project}/reports", "{}"));
        row(c, "PUT /api/reports/{reportId}/answers/{key}", API, COORDINATOR_WRITE,
                call("PUT", "/api/reports/{report}/answers/revenue", "{}"));
        row(c, "PUT /api/reports/{reportId}/work-packages/{number}", API, COORDINATOR_WRITE,
                call("PUT", "/api/reports/{report}/work-packages/1", "{}"));
        row(c, "POST /api/reports/{reportId}/submission", API, COORDINATOR_WRITE, call("POST", "/api/reports/{report}/submission", "{}"));
        row(c, "POST /api/reports/{reportId}/return", API, AUDITOR_WRITE, call("POST", "/api/reports/{report}/return", "{}"));
        row(c, "POST /api/reports/{reportId}/approval", API, AUDITOR_WRITE, call("POST", "/api/reports/{report}/approval", "{}"));
        row(c, "actuator health", "2xx", "2xx | 2xx | 2xx | 2xx", call("GET", "/actuator/health", null));
        row(c, "actuator prometheus", API, ADMIN_ONLY, call("GET", "/actuator/prometheus", null));
        row(c, "actuator info", API, ADMIN_ONLY, call("GET", "/actuator/info", null));
        apiDescription(c);
        // Spring's own error controller: what the container forwards failures to, not a door of its own
        row(c, "ANY /error", "skip", "skip | skip | skip | skip");
        row(c, "ANY /error text/html", "skip", "skip | skip | skip | skip");

        Service q = Service.QUERY;
        row(q, "GET /api/projects", API, "2xx | 2xx | 2xx | 2xx", call("GET", "/api/projects", null));
        row(q, "GET /api/projects/{projectId}", API, READ, call("GET", "/api/projects/{project}", null));
        row(q, "GET /api/projects/{projectId} [version]", API, AUDIT, call("GET", "/api/projects/{project}?version=1", null));
        row(q, "GET /api/projects/{projectId} [!version, asOf]", API, AUDIT,
                call("GET", "/api/projects/{project}?asOf={now}", null));
        row(q, "GET /api/projects/{projectId}/state", API, AUDIT, call("GET", "/api/projects/{project}/state", null));
        row(q, "GET /api/projects/{projectId}/dashboard", API, READ, call("GET", "/api/projects/{project}/dashboard", null));
        row(q, "GET /api/projects/{projectId}/activities", API, READ, call("GET", "/api/projects/{project}/activities", null));
        row(q, "GET /api/projects/{projectId}/indicators", API, READ, call("GET", "/api/projects/{project}/indicators", null));
        row(q, "GET /api/projects/{projectId}/pilots", API, READ, call("GET", "/api/projects/{project}/pilots", null));
        row(q, "GET /api/projects/{projectId}/events/stream text/event-stream", API, READ,
                call("GET", "/api/projects/{project}/events/stream", null));
        row(q, "GET /api/reports/{reportId}", API, AUDIT, call("GET", "/api/reports/{report}", null));
        row(q, "GET /api/{kind:reports|projects}/{id}/history", API, AUDIT,
                call("GET", "/api/reports/{report}/history", null), call("GET", "/api/projects/{project}/history", null));
        row(q, "GET /api/{kind:reports|projects}/{id}/diff", API, AUDIT,
                call("GET", "/api/reports/{report}/diff?from=1&to=1", null), call("GET", "/api/projects/{project}/diff?from=1&to=1", null));
        row(q, "GET /api/{kind:reports|projects}/{id}/verification", API, AUDIT,
                call("GET", "/api/reports/{report}/verification", null), call("GET", "/api/projects/{project}/verification", null));
        row(q, "GET /api/reports/{reportId}/receipts", API, AUDIT, call("GET", "/api/reports/{report}/receipts", null));
        row(q, "GET /api/{kind:reports|projects}/{id}/audit-trail", API, AUDIT,
                call("GET", "/api/reports/{report}/audit-trail", null), call("GET", "/api/projects/{project}/audit-trail", null));
        row(q, "GET /api/admin/rebuild", API, ADMIN_ONLY, call("GET", "/api/admin/rebuild", null));
        // an ADMIN would start a rebuild of every read model under the other tests' feet; RebuildIT covers it
        row(q, "POST /api/admin/rebuild", API, "skip | 403 | 403 | 403", call("POST", "/api/admin/rebuild", null));
        row(q, "POST /api/subscriptions", API, "2xx 2xx ok | 2xx 403 403 | 403 403 403 | 2xx 403 403",
                call("POST", "/api/subscriptions", "{\"url\":\"http://127.0.0.1:9/matrix\",\"eventTypes\":[\"ReportApproved\"],"
                        + "\"projects\":[\"{project}\"]}"));
        row(q, "GET /api/subscriptions", API, "2xx | 2xx | 403 | 2xx", call("GET", "/api/subscriptions", null));
        row(q, "GET /api/subscriptions/{subscriptionId}/deliveries", API, OWN_SUBSCRIPTION,
                call("GET", "/api/subscriptions/{subscription}/deliveries", null));
        row(q, "POST /api/subscriptions/{subscriptionId}/replay", API, OWN_SUBSCRIPTION,
                call("POST", "/api/subscriptions/{subscription}/replay", "{\"since\":\"2020-01-01T00:00:00Z\"}"));
        // last of the subscription rows: it deletes the callers' own subscriptions
        row(q, "DELETE /api/subscriptions/{subscriptionId}", API, OWN_SUBSCRIPTION,
                call("DELETE", "/api/subscriptions/{subscription}", null));
        row(q, "GET /api/projects/{projectId}/reports", API, READ, call("GET", "/api/projects/{project}/reports", null));
        row(q, "GET /api/reviews", API, "2xx | 403 | 2xx | 403", call("GET", "/api/reviews", null));
        row(q, "GET /api/me", API, "2xx | 2xx | 2xx | 2xx", call("GET", "/api/me", null));
        // the register spans every project: for the pickers of those who record and manage
        row(q, "GET /api/organisations", API, "2xx | 2xx | 403 | 403", call("GET", "/api/organisations?q=a", null));
        row(q, "GET /api/token-names", API, "2xx | 2xx | 2xx | 403", call("GET", "/api/token-names?ids=admin", null));
        // the pages' writes: the command service decides, so each caller gets the command service's answer
        row(q, "DELETE,POST,PUT /command/api/**", API, COORDINATOR_WRITE,
                call("POST", "/command/api/projects/{project}/partners", "{}"),
                call("PUT", "/command/api/reports/{report}/answers/revenue", "{}"));
        row(q, "DELETE,POST,PUT /command/api/**", API, AUDITOR_WRITE, call("POST", "/command/api/reports/{report}/approval", "{}"));
        // the tokens of A and B were revoked by the command service's row: again is ok (2xx or 409) for an ADMIN
        row(q, "DELETE,POST,PUT /command/api/**", API, "ok ok 404 | 403 403 403 | 403 403 403 | 403 403 403",
                call("DELETE", "/command/api/admin/tokens/{token}", null));
        row(q, "GET / text/html", PAGE, "2xx | 2xx | 2xx | 2xx", call("GET", "/", null));
        row(q, "GET /projects/{projectId} text/html", PAGE, READ, call("GET", "/projects/{project}", null));
        row(q, "GET /reports/{reportId}/history text/html", PAGE, AUDIT, call("GET", "/reports/{report}/history", null));
        row(q, "GET /projects/{projectId}/activities/new text/html", PAGE, "2xx 2xx 404 | 2xx 403 403 | 403 403 403 | 403 403 403",
                call("GET", "/projects/{project}/activities/new", null));
        row(q, "GET /projects/{projectId}/manage text/html", PAGE, "2xx 2xx 404 | 2xx 403 403 | 403 403 403 | 403 403 403",
                call("GET", "/projects/{project}/manage", null));
        row(q, "GET /projects/{projectId}/reports text/html", PAGE, READ, call("GET", "/projects/{project}/reports", null));
        row(q, "GET /reports/{reportId} text/html", PAGE, AUDIT, call("GET", "/reports/{report}", null));
        row(q, "GET /reports/{reportId}/print text/html", PAGE, AUDIT,
                call("GET", "/reports/{report}/print", null), call("GET", "/reports/{report}/print?version=1", null));
        row(q, "GET /reviews text/html", PAGE, "2xx | 403 | 2xx | 403", call("GET", "/reviews", null));
        row(q, "GET /subscriptions text/html", PAGE, "2xx | 2xx | 403 | 2xx", call("GET", "/subscriptions", null));
        row(q, "GET /sign-in text/html", "2xx", "2xx | 2xx | 2xx | 2xx", call("GET", "/sign-in", null));
        // a blank token: the form answers 400 for everybody, and counts no failure
        row(q, "POST /sign-in text/html", "ok", "ok | ok | ok | ok", form("/sign-in", "token=&next=%2F"));
        row(q, "POST /sign-out", "ok", "ok | ok | ok | ok", form("/sign-out", ""));
        row(q, "actuator health", "2xx", "2xx | 2xx | 2xx | 2xx", call("GET", "/actuator/health", null));
        row(q, "actuator prometheus", API, ADMIN_ONLY, call("GET", "/actuator/prometheus", null));
        row(q, "actuator info", API, ADMIN_ONLY, call("GET", "/actuator/info", null));
        apiDescription(q);
        row(q, "ANY /error", "skip", "skip | skip | skip | skip");
        row(q, "ANY /error text/html", "skip", "skip | skip | skip | skip");
    }

    /** springdoc's OpenAPI document and Swagger UI: the contract, not data, so open to everybody, even a bad token. */
    private static void apiDescription(Service service) {
        row(service, "GET /v3/api-docs application/json", "2xx", "2xx | 2xx | 2xx | 2xx", call("GET", "/v3/api-docs", null));
        row(service, "GET /v3/api-docs.yaml application/vnd.oai.openapi", "2xx", "2xx | 2xx | 2xx | 2xx",
                call("GET", "/v3/api-docs.yaml", null));
        row(service, "GET /v3/api-docs/swagger-config application/json", "2xx", "2xx | 2xx | 2xx | 2xx",
                call("GET", "/v3/api-docs/swagger-config", null));
        // a redirect to the UI's page (OpenApiIT checks where), and the page it leads to
        row(service, "GET /swagger-ui.html", "ok", "ok | ok | ok | ok", call("GET", "/swagger-ui.html", null),
                call("GET", "/swagger-ui/index.html", null));
    }

    private static Platform platform;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<Caller, String> tokens = new LinkedHashMap<>();
    /** Per target kind and target: the id to put in the path. */
    private static final Map<String, Map<Target, String>> ids = new LinkedHashMap<>();
    /** Per caller: its own subscription on A (callers that may have none get another's). */
    private static final Map<Caller, String> ownSubscriptions = new LinkedHashMap<>();

    @BeforeAll
    static void fixture() {
        platform = Platform.get();
        platform.playScenarioOnce();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = "authz-a-" + run;
        String b = "authz-b-" + run;
        ids.put("project", Map.of(Target.A, a, Target.B, b, Target.UNKNOWN, "authz-nothing-" + run));
        ids.put("report", Map.of(Target.A, a + "-report", Target.B, b + "-report", Target.UNKNOWN, "authz-nothing-" + run));
        ids.put("pilot", Map.of(Target.A, a + "-pilot", Target.B, b + "-pilot", Target.UNKNOWN, "authz-nothing-" + run));
        ids.put("activity", Map.of(Target.A, a + "-meeting", Target.B, b + "-meeting", Target.UNKNOWN, "authz-nothing-" + run));
        for (String project : List.of(a, b)) {
            createProject(project);
        }
        ids.put("token", Map.of(Target.A, issue("PARTNER", List.of(a)).get("id"), Target.B, issue("PARTNER", List.of(b)).get("id"),
                Target.UNKNOWN, UUID.randomUUID().toString()));

        tokens.put(Caller.NONE, null);
        tokens.put(Caller.MALFORMED, "%%% not a token %%%");
        Map<String, String> revoked = issue("COORDINATOR", List.of(a));
        assertThat(platform.command("DELETE", "/api/admin/tokens/" + revoked.get("id"), Platform.ADMIN_TOKEN, null).status())
                .isEqualTo(204);
        tokens.put(Caller.REVOKED, revoked.get("token"));
        tokens.put(Caller.ADMIN, issue("ADMIN", List.of()).get("token"));
        tokens.put(Caller.COORDINATOR, issue("COORDINATOR", List.of(a)).get("token"));
        tokens.put(Caller.AUDITOR, issue("AUDITOR", List.of(a)).get("token"));
        tokens.put(Caller.PARTNER, issue("PARTNER", List.of(a)).get("token"));
        for (Caller caller : List.of(Caller.ADMIN, Caller.COORDINATOR, Caller.PARTNER, Caller.AUDITOR)) {
            platform.awaitQuery("/api/projects", tokens.get(caller), answer -> answer.status() == 200, Duration.ofSeconds(10));
        }
        for (String project : List.of(a, b)) {
            platform.awaitQuery("/api/projects/" + project, Platform.ADMIN_TOKEN, answer -> answer.status() == 200,
                    Duration.ofSeconds(10));
        }
        String someoneElse = issue("COORDINATOR", List.of()).get("token");
        platform.awaitQuery("/api/projects", someoneElse, answer -> answer.status() == 200, Duration.ofSeconds(10));
        String othersSubscription = subscribe(someoneElse, b);
        for (Caller caller : List.of(Caller.ADMIN, Caller.COORDINATOR, Caller.PARTNER)) {
            ownSubscriptions.put(caller, subscribe(tokens.get(caller), a));
        }
        ownSubscriptions.put(Caller.AUDITOR, othersSubscription);
        ids.put("subscription", Map.of(Target.B, othersSubscription, Target.UNKNOWN, UUID.randomUUID().toString()));
    }

    @Test
    void everyHandlerMethodOfBothServicesHasARowAndEveryRowAHandlerMethod() {
        Set<String> mapped = new TreeSet<>();
        mapped.addAll(handlerMethods(Service.COMMAND, platform.commandService()));
        mapped.addAll(handlerMethods(Service.QUERY, platform.queryService()));
        Set<String> rows = TABLE.stream().filter(row -> !row.mapping().startsWith("actuator"))
                .map(row -> row.service() + " " + row.mapping()).collect(Collectors.toCollection(TreeSet::new));

        assertThat(mapped).as("handler methods without a row in the table (add one)").isSubsetOf(rows);
        assertThat(rows).as("rows without a handler method (remove or correct them)").isSubsetOf(mapped);
    }

    @Test
    void everyCallerGetsTheAnswerOfTheTable() {
        List<String> mismatches = new ArrayList<>();
        int calls = 0;
        for (Row row : TABLE) {
            for (Caller caller : Caller.values()) {
                for (Probe probe : row.probes()) {
                    for (Target target : targets(probe)) {
                        String expected = expected(row, caller, target);
                        if (expected.equals("skip")) {
                            continue;
                        }
                        Answer answer = send(row.service(), probe, caller, target);
                        calls++;
                        if (!matches(expected, answer)) {
                            mismatches.add(String.format("%s %s %s as %s on %s: expected %s, got %d %s", row.service(),
                                    probe.method(), resolve(probe.path(), caller, target), caller, target, expected,
                                    answer.status(), answer.excerpt()));
                        }
                    }
                }
            }
        }
        System.out.printf("Authorization matrix: %d calls over %d rows%n", calls, TABLE.size());
        assertThat(mismatches).as("answers that differ from the table").isEmpty();
    }

    // --- the table's reading

    private static String expected(Row row, Caller caller, Target target) {
        if (caller == Caller.NONE || caller == Caller.MALFORMED || caller == Caller.REVOKED) {
            return row.unauthenticated();
        }
        String[] roles = row.cells().split("\\|");
        assertThat(roles).as("cells of " + row.mapping()).hasSize(4);
        String[] cells = roles[caller.ordinal() - Caller.ADMIN.ordinal()].trim().split("\\s+");
        return cells.length == 1 ? cells[0] : cells[target.ordinal()];
    }

    private static boolean matches(String expected, Answer answer) {
        int status = answer.status();
        return switch (expected) {
            case "2xx" -> status >= 200 && status < 300;
            case "ok" -> status < 500 && status != 401 && status != 403 && status != 404 && status != 429;
            case "302" -> status == 302 && answer.location().contains("/sign-in?next=");
            default -> status == Integer.parseInt(expected);
        };
    }

    private static List<Target> targets(Probe probe) {
        boolean named = ids.keySet().stream().anyMatch(kind -> probe.path().contains("{" + kind + "}")
                || (probe.body() != null && probe.body().contains("{" + kind + "}")));
        return named ? List.of(Target.values()) : List.of(Target.A);
    }

    private static String resolve(String text, Caller caller, Target target) {
        if (text == null) {
            return null;
        }
        String resolved = text.replace("{now}", Instant.now().toString());
        for (Map.Entry<String, Map<Target, String>> kind : ids.entrySet()) {
            String id = kind.getKey().equals("subscription") && target == Target.A
                    ? ownSubscriptions.getOrDefault(caller, ids.get("subscription").get(Target.B))
                    : kind.getValue().get(target);
            resolved = resolved.replace("{" + kind.getKey() + "}", id);
        }
        return resolved;
    }

    /** "GET /api/x [params] produces" as the rows name them. */
    private static Set<String> handlerMethods(Service service, ConfigurableApplicationContext context) {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<String> keys = new TreeSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            String methods = info.getMethodsCondition().getMethods().stream().map(Enum::name).sorted()
                    .collect(Collectors.joining(","));
            String params = info.getParamsCondition().getExpressions().isEmpty() ? ""
                    : " " + info.getParamsCondition().getExpressions().stream().map(Object::toString).sorted().toList();
            String produces = info.getProducesCondition().getExpressions().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(","));
            for (String pattern : info.getPatternValues()) {
                keys.add(service + " " + (methods.isEmpty() ? "ANY" : methods) + " " + pattern + params
                        + (produces.isEmpty() ? "" : " " + produces));
            }
        }
        return keys;
    }

    // --- HTTP

    private record Answer(int status, String location, String body) {
        String excerpt() {
            return body.length() > 200 ? body.substring(0, 200) + "..." : body;
        }
    }

    private static Answer send(Service service, Probe probe, Caller caller, Target target) {
        String base = service == Service.COMMAND ? platform.commandUrl() : platform.queryUrl();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + resolve(probe.path(), caller, target)))
                .timeout(Duration.ofSeconds(30));
        String body = resolve(probe.body(), caller, target);
        request.method(probe.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", probe.contentType());
        }
        String token = tokens.get(caller);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            // a stream that opens is closed after its headers
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = response.body()) {
                text = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream") ? ""
                        : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(""), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- fixture

    private static void createProject(String project) {
        command("/api/projects", Map.of("id", project, "caseId", project, "name", "Matrix " + project, "programme", "Test",
                "periodStart", "2024-01-01", "periodEnd", "2026-12-31", "beneficiaryOrgNumber", BENEFICIARY));
        command("/api/projects/" + project + "/work-packages", Map.of("number", 1, "name", "Work", "plannedStart", "2024-01-01",
                "plannedEnd", "2024-12-31"));
        command("/api/projects/" + project + "/indicators", Map.of("code", "people", "name", "People", "unit", "st",
                "target", 5, "countingRule", "MANUAL"));
        command("/api/projects/" + project + "/meetings", Map.of("id", project + "-meeting", "workPackage", 1, "kind", "PLANNING",
                "date", "2024-03-01", "title", "Start", "organisations", List.of(),
                "participants", Map.of("women", 1, "men", 1, "other", 0), "notes", ""));
        command("/api/projects/" + project + "/pilots", Map.of("id", project + "-pilot", "name", "Pilot", "challenge", "Challenge",
                "proposedByOrgNumber", BENEFICIARY));
        command("/api/projects/" + project + "/reports", Map.of("id", project + "-report", "number", 1,
                "periodStart", "2024-01-01", "periodEnd", "2024-06-30"));
    }

    private static void command(String path, Map<String, Object> body) {
        Platform.Answer answer = platform.command("POST", path, Platform.ADMIN_TOKEN, body);
        assertThat(answer.status()).as(path + ": " + answer.body()).isBetween(200, 299);
    }

    private static Map<String, String> issue(String role, List<String> projects) {
        Platform.Answer issued = platform.command("POST", "/api/admin/tokens", Platform.ADMIN_TOKEN,
                Map.of("name", "matrix " + role, "role", role, "projects", projects));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return Map.of("id", issued.json().get("id").asText(), "token", issued.json().get("token").asText());
    }

    private static String subscribe(String token, String project) {
        Platform.Answer created = platform.send(platform.queryUrl(), "POST", "/api/subscriptions", token,
                Map.of("url", "http://127.0.0.1:9/matrix", "eventTypes", List.of("ReportApproved"), "projects", List.of(project)),
                Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }
}
