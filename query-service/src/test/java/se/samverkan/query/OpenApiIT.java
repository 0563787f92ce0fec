package se.samverkan.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.samverkan.query.support.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI documents of both services (springdoc) hold every endpoint of DESIGN.md's HTTP tables, each
 * in the document of the service that serves it, and are served, with their Swagger UI, without a token.
 * The endpoints are read from DESIGN.md itself (the shared contract, or the identical copy under
 * src/test/resources when the module is built outside the repository that holds it), so an endpoint added
 * to the contract and not to a controller fails here.
 */
class OpenApiIT {

    /** The tables' first cells: "POST /api/projects/{p}/partners", "GET /api/projects/{p}/activities?workPackage=&from=&to=". */
    private static final Pattern ENDPOINT = Pattern.compile("^\\| (GET|POST|PUT|DELETE|PATCH) (/[^ |?]*)");

    /** The contract shared by the repositories, beside this one's checkout. */
    private static final Path SHARED_DESIGN = Path.of("../../shared/DESIGN.md");

    private static Platform platform;
    private static JsonNode commandApi;
    private static JsonNode queryApi;

    private record Endpoint(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void documents() {
        platform = Platform.get();
        commandApi = document(platform.commandUrl(), "command-service");
        queryApi = document(platform.queryUrl(), "query-service");
    }

    @Test
    void everyEndpointOfTheCommandTableIsInTheCommandServicesDocument() {
        List<Endpoint> endpoints = designTable("Command service (default port");
        assertThat(endpoints).as("the command table as parsed from DESIGN.md")
                .contains(new Endpoint("POST", "/api/admin/tokens"), new Endpoint("PUT", "/api/reports/{r}/answers/{key}"),
                        new Endpoint("POST", "/api/reports/{r}/approval"));

        assertThat(endpoints).allSatisfy(endpoint -> assertThat(documents(commandApi, endpoint))
                .as("%s is in the command service's /v3/api-docs", endpoint).isTrue());
    }

    @Test
    void everyApiEndpointOfTheQueryTableIsInTheQueryServicesDocument() {
        List<Endpoint> endpoints = designTable("Query service (default port");
        assertThat(endpoints).as("the query table as parsed from DESIGN.md")
                .contains(new Endpoint("GET", "/api/reports/{r}/history"), new Endpoint("DELETE", "/api/subscriptions/{s}"),
                        new Endpoint("GET", "/api/projects/{p}/activities"));
        // the web pages and Spring Boot's actuator are not the JSON API the document describes
        List<Endpoint> api = endpoints.stream().filter(endpoint -> endpoint.path().startsWith("/api/")).toList();
        assertThat(endpoints).filteredOn(endpoint -> !api.contains(endpoint)).extracting(Endpoint::path)
                .allSatisfy(path -> assertThat(path).matches("/|/(projects|reports)/.*|/actuator/.*"));

        assertThat(api).allSatisfy(endpoint -> assertThat(documents(queryApi, endpoint))
                .as("%s is in the query service's /v3/api-docs", endpoint).isTrue());
    }

    @Test
    void eachServiceDocumentsOnlyItsOwnEndpoints() {
        assertThat(documents(queryApi, new Endpoint("POST", "/api/projects/{p}/meetings"))).isFalse();
        assertThat(documents(commandApi, new Endpoint("GET", "/api/projects/{p}/dashboard"))).isFalse();
        // the pages and their forwarding of writes are not the API
        assertThat(queryApi.path("paths").has("/command/api/**")).isFalse();
        assertThat(queryApi.path("paths").has("/projects/{projectId}")).isFalse();
    }

    @Test
    void theDocumentsDescribeBearerTokensProblemsAndTheRequestRecordsFields() {
        for (JsonNode api : List.of(commandApi, queryApi)) {
            assertThat(api.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
            assertThat(api.at("/security/0").has("bearer")).isTrue();
            assertThat(api.at("/components/schemas/Problem/properties").has("errors")).isTrue();
        }
        JsonNode meeting = commandApi.at("/paths/~1api~1projects~1{projectId}~1meetings/post");
        assertThat(meeting.at("/responses/422/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(meeting.at("/responses/409").isMissingNode()).isFalse();
        // the caller is the token's, not a parameter
        assertThat(meeting.path("parameters").findValuesAsText("name")).contains("projectId").doesNotContain("caller");
        JsonNode meetingRequest = schema(commandApi, meeting.at("/requestBody/content/application~1json/schema/$ref").asText());
        assertThat(fieldNames(meetingRequest.path("properties")))
                .contains("id", "workPackage", "kind", "date", "title", "organisations", "participants", "notes");
        JsonNode tokenRequest = schema(commandApi, commandApi.at("/paths/~1api~1admin~1tokens/post/requestBody/content/application~1json/schema/$ref").asText());
        assertThat(fieldNames(tokenRequest.path("properties"))).containsExactlyInAnyOrder("name", "role", "projects");

        JsonNode dashboard = queryApi.at("/paths/~1api~1projects~1{projectId}~1dashboard/get");
        assertThat(dashboard.path("parameters").findValuesAsText("name")).contains("Samverkan-Min-Position", "minPosition");
        assertThat(dashboard.at("/responses/401/content/application~1problem+json").isMissingNode()).isFalse();
    }

    /**
     * The query answers whose body is free-form JSON by design, each with the reason. Everything else under /api
     * answers a record (or a list or map of records), so the document names its fields.
     */
    private static final Map<String, String> FREE_FORM_ANSWERS = Map.of(
            "GET /api/reports/{reportId}", "a report's folded state at a version or instant: the fold's JSON as it is",
            "GET /api/projects/{projectId}/state", "a project's folded state at a version or instant, likewise",
            "GET /api/projects/{projectId}", "the overview, or with ?version/?asOf the folded state, as above");

    @Test
    void everyQueryAnswerUnderApiNamesItsFieldsButTheFreeFormDocuments() {
        List<String> untyped = new ArrayList<>();
        List<String> freeFormSeen = new ArrayList<>();
        queryApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String endpoint = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            operation.getValue().path("responses").fields().forEachRemaining(response -> {
                if (!path.getKey().startsWith("/api/") || !response.getKey().startsWith("2")) {
                    return;
                }
                response.getValue().path("content").fields().forEachRemaining(media -> {
                    // an SSE stream is frames of text, not one JSON document (its frames are DESIGN.md's)
                    if (media.getKey().equals("text/event-stream")) {
                        assertThat(resolve(media.getValue().path("schema")).path("type").asText()).as(endpoint).isEqualTo("string");
                        return;
                    }
                    if (FREE_FORM_ANSWERS.containsKey(endpoint)) {
                        freeFormSeen.add(endpoint);
                    } else if (!typed(media.getValue().path("schema"))) {
                        untyped.add(endpoint + " " + response.getKey() + " " + media.getKey());
                    }
                });
            });
        }));
        assertThat(untyped).as("2xx answers of the query service without a typed body").isEmpty();
        assertThat(freeFormSeen).as("the free-form answers listed are still in the document")
                .containsAll(FREE_FORM_ANSWERS.keySet());

        assertThat(answerFields("/api/subscriptions", "post", "201")).containsExactlyInAnyOrder("id", "secret");
        assertThat(answerFields("/api/subscriptions/{subscriptionId}/replay", "post", "202"))
                .containsExactlyInAnyOrder("subscription", "since", "queued");
        assertThat(answerFields("/api/reviews", "get", "200")).containsExactlyInAnyOrder("reportId", "projectId",
                "projectName", "number", "periodStart", "periodEnd", "status", "submittedAt", "version");
        assertThat(answerFields("/api/me", "get", "200")).containsExactlyInAnyOrder("userId", "name", "role", "projects");
    }

    /** The fields of the query service's answer (of a list answer: of its items). */
    private static List<String> answerFields(String path, String method, String status) {
        JsonNode response = queryApi.path("paths").path(path).path(method).path("responses").path(status);
        assertThat(response.path("content").size()).as("%s %s documents a body of its %s", method, path, status).isOne();
        JsonNode schema = resolve(response.path("content").elements().next().path("schema"));
        return fieldNames(resolve(schema.has("items") ? schema.path("items") : schema).path("properties"));
    }

    /** An object with named fields, a list of such, a map with typed values, or one of several typed answers. */
    private static boolean typed(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("oneOf")) {
            List<Boolean> alternatives = new ArrayList<>();
            resolved.path("oneOf").forEach(alternative -> alternatives.add(typed(alternative)));
            return !alternatives.isEmpty() && !alternatives.contains(false);
        }
        if (resolved.has("items")) {
            return typed(resolved.path("items"));
        }
        if (resolved.path("properties").size() > 0) {
            return true;
        }
        JsonNode values = resolved.path("additionalProperties");
        return values.isObject() && !values.isEmpty() && (values.has("$ref") ? typed(values)
                : !values.path("type").asText().equals("object") || values.path("properties").size() > 0);
    }

    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/") ? schema(queryApi, ref) : schema;
    }

    @Test
    void theSwaggerUiIsServedFromTheJarWithoutAToken() {
        for (String base : List.of(platform.commandUrl(), platform.queryUrl())) {
            Platform.Answer welcome = platform.send(base, "GET", "/swagger-ui.html", null, null, Map.of());
            assertThat(welcome.status()).as(base + " /swagger-ui.html").isEqualTo(302);
            String location = welcome.response().headers().firstValue("Location").orElseThrow();
            assertThat(location).endsWith("/swagger-ui/index.html");

            Platform.Answer page = platform.send(base, "GET", "/swagger-ui/index.html", null, null, Map.of());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("swagger-ui");
            Platform.Answer config = platform.send(base, "GET", "/v3/api-docs/swagger-config", null, null, Map.of());
            assertThat(config.status()).isEqualTo(200);
            assertThat(config.json().path("url").asText()).isEqualTo("/v3/api-docs");
            // the UI would otherwise send the document to validator.swagger.io
            assertThat(config.json().path("validatorUrl").asText()).isEqualTo("none");
            Platform.Answer initializer = platform.send(base, "GET", "/swagger-ui/swagger-initializer.js", null, null, Map.of());
            assertThat(initializer.status()).isEqualTo(200);
            assertThat(initializer.body()).contains("/v3/api-docs/swagger-config");
        }
    }

    @Test
    void theCopyOfDesignMdUnderTestResourcesIsTheSharedOne() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(SHARED_DESIGN), "only where the shared DESIGN.md is at hand");
        try (InputStream copy = OpenApiIT.class.getResourceAsStream("/DESIGN.md")) {
            assertThat(copy).as("src/test/resources/DESIGN.md").isNotNull();
            assertThat(new String(copy.readAllBytes(), StandardCharsets.UTF_8))
                    .as("src/test/resources/DESIGN.md is a copy of %s: copy it again", SHARED_DESIGN.toAbsolutePath())
                    .isEqualTo(Files.readString(SHARED_DESIGN, StandardCharsets.UTF_8));
        }
    }

    // --- DESIGN.md

    private static List<Endpoint> designTable(String heading) {
        List<Endpoint> endpoints = new ArrayList<>();
        boolean inSection = false;
        for (String line : design().split("\n")) {
            if (line.startsWith(heading)) {
                inSection = true;
            } else if (inSection && line.startsWith("|")) {
                Matcher endpoint = ENDPOINT.matcher(line);
                if (endpoint.find()) {
                    // "GET / , /projects/{p}, ..." names several paths of one method in one row
                    String first = line.substring(2, line.indexOf('|', 2)).trim();
                    for (String path : first.substring(endpoint.group(1).length()).split(",")) {
                        String bare = path.trim().replaceAll("\\?.*", "");
                        if (!bare.isEmpty()) {
                            endpoints.add(new Endpoint(endpoint.group(1), bare));
                        }
                    }
                }
            } else if (inSection && !endpoints.isEmpty() && !line.startsWith("|")) {
                break;
            }
        }
        assertThat(endpoints).as("rows of the table after '%s' in DESIGN.md", heading).isNotEmpty();
        return endpoints;
    }

    private static String design() {
        try {
            if (Files.isRegularFile(SHARED_DESIGN)) {
                return Files.readString(SHARED_DESIGN, StandardCharsets.UTF_8);
            }
            try (InputStream copy = OpenApiIT.class.getResourceAsStream("/DESIGN.md")) {
                assertThat(copy).as("DESIGN.md: neither " + SHARED_DESIGN.toAbsolutePath() + " nor a copy under src/test/resources").isNotNull();
                return new String(copy.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the documents

    /** Also kept as target/openapi/{service}.json, for reading what the services publish. */
    private static JsonNode document(String base, String service) {
        Platform.Answer answer = platform.send(base, "GET", "/v3/api-docs", null, null, Map.of());
        assertThat(answer.status()).as(base + "/v3/api-docs without a token: " + answer.body()).isEqualTo(200);
        try {
            Path copy = Files.createDirectories(Path.of("target", "openapi")).resolve(service + ".json");
            Files.writeString(copy, answer.json().toPrettyString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer.json();
    }

    /**
     * Whether the document has the method on a path that matches: variables match variables whatever their
     * names ({p} and {projectId}); a variable of the document matches a literal of DESIGN.md only when its
     * pattern allows it ({kind} with pattern reports|projects serves /api/reports/{r}/history).
     */
    private static boolean documents(JsonNode api, Endpoint endpoint) {
        String[] wanted = endpoint.path().split("/");
        Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode operation = path.getValue().path(endpoint.method().toLowerCase(Locale.ROOT));
            String[] documented = path.getKey().split("/");
            if (operation.isMissingNode() || documented.length != wanted.length) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < wanted.length && same; i++) {
                same = segmentMatches(documented[i], wanted[i], operation);
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    private static boolean segmentMatches(String documented, String wanted, JsonNode operation) {
        boolean documentedVariable = documented.startsWith("{");
        boolean wantedVariable = wanted.startsWith("{");
        if (!documentedVariable || wantedVariable) {
            return documentedVariable == wantedVariable && (wantedVariable || documented.equals(wanted));
        }
        String name = documented.substring(1, documented.length() - 1);
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("path") && parameter.path("name").asText().equals(name)) {
                String pattern = parameter.at("/schema/pattern").asText(null);
                return pattern != null && wanted.matches(pattern);
            }
        }
        return false;
    }

    private static JsonNode schema(JsonNode api, String ref) {
        assertThat(ref).startsWith("#/components/schemas/");
        return api.at("/components/schemas/" + ref.substring("#/components/schemas/".length()));
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
