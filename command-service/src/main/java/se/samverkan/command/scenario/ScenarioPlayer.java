package se.samverkan.command.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a scenario file (DESIGN.md, "Scenario files") against running services: creates its tokens
 * with the admin token, then sends every step in order and stops at the first answer whose status
 * differs from the step's {@code expect}. This is what {@code ops/import} runs.
 */
public final class ScenarioPlayer {

    public record Step(int number, String as, String service, String method, String path, JsonNode body, int expect) {
    }

    public record StepResult(Step step, int status, String body) {
        public boolean asExpected() {
            return status == step.expect();
        }
    }

    /** The steps played (all, or up to and including the first unexpected answer) out of {@code totalSteps}. */
    public record Outcome(List<StepResult> results, int totalSteps) {
        public boolean complete() {
            return results.size() == totalSteps && results.stream().allMatch(StepResult::asExpected);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI commandUrl;
    private final URI queryUrl;
    private final String adminToken;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ScenarioPlayer(URI commandUrl, URI queryUrl, String adminToken, PrintStream out) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.adminToken = adminToken;
        this.out = out;
    }

    public Outcome play(Path file) throws IOException, InterruptedException {
        JsonNode scenario = JSON.readTree(file.toFile());
        out.println("Scenario: " + scenario.path("description").asText(file.getFileName().toString()));
        Map<String, String> tokens = createTokens(scenario.path("tokens"));
        List<Step> steps = steps(scenario.path("steps"));
        List<StepResult> results = new ArrayList<>();
        int width = String.valueOf(steps.size()).length();
        for (Step step : steps) {
            String token = tokens.get(step.as());
            if (token == null) {
                throw new IllegalArgumentException("step " + step.number() + " is played as '" + step.as()
                        + "', which is not among the scenario's tokens " + tokens.keySet());
            }
            HttpResponse<String> response = send(step.service().equals("query") ? queryUrl : commandUrl,
                    step.method(), step.path(), step.body(), token);
            StepResult result = new StepResult(step, response.statusCode(), response.body());
            results.add(result);
            out.printf("[%" + width + "d/%d] %-11s %-6s %s -> %d%s%n", step.number(), steps.size(), step.as(),
                    step.method(), step.path(), response.statusCode(), result.asExpected() ? "" : "  (expected " + step.expect() + ")");
            if (!result.asExpected()) {
                out.println("Stopped: step " + step.number() + " answered " + response.statusCode() + " where "
                        + step.expect() + " was expected. The answer was:");
                out.println(response.body());
                break;
            }
        }
        Outcome outcome = new Outcome(results, steps.size());
        if (outcome.complete()) {
            out.println("All " + steps.size() + " steps answered as expected.");
        }
        return outcome;
    }

    private Map<String, String> createTokens(JsonNode tokens) throws IOException, InterruptedException {
        Map<String, String> result = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = tokens.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("name", "scenario: " + entry.getKey());
            request.put("role", entry.getValue().path("role").asText());
            request.put("projects", JSON.convertValue(entry.getValue().path("projects"), List.class));
            HttpResponse<String> response = send(commandUrl, "POST", "/api/admin/tokens", JSON.valueToTree(request), adminToken);
            if (response.statusCode() != 201) {
                throw new IllegalStateException("could not create the token '" + entry.getKey() + "': "
                        + response.statusCode() + " " + response.body()
                        + (response.statusCode() == 401 ? " (is the admin token right?)" : ""));
            }
            result.put(entry.getKey(), JSON.readTree(response.body()).path("token").asText());
        }
        out.println("Created " + result.size() + " tokens: " + String.join(", ", result.keySet()));
        return result;
    }

    private static List<Step> steps(JsonNode steps) {
        List<Step> result = new ArrayList<>();
        for (JsonNode step : steps) {
            result.add(new Step(result.size() + 1, step.path("as").asText(), step.path("service").asText("command"),
                    step.path("method").asText("GET").toUpperCase(), step.path("path").asText(),
                    step.has("body") ? step.get("body") : null, step.path("expect").asInt()));
        }
        return result;
    }

    private HttpResponse<String> send(URI base, String method, String path, JsonNode body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null || body.isNull()) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** ops/import FILE [--command URL] [--query URL] [--admin-token T] */
    public static void main(String[] args) throws Exception {
        String file = null;
        String command = "http://localhost:" + System.getenv().getOrDefault("COMMAND_PORT", "8081");
        String query = "http://localhost:" + System.getenv().getOrDefault("QUERY_PORT", "8082");
        String adminToken = System.getenv("SAMVERKAN_ADMIN_TOKEN");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--command" -> command = value(args, ++i);
                case "--query" -> query = value(args, ++i);
                case "--admin-token" -> adminToken = value(args, ++i);
                case "-h", "--help" -> usage(0);
                default -> {
                    if (args[i].startsWith("--") || file != null) {
                        System.err.println("Unknown argument: " + args[i]);
                        usage(2);
                    }
                    file = args[i];
                }
            }
        }
        if (file == null) {
            usage(2);
        }
        if (adminToken == null || adminToken.isBlank()) {
            System.err.println("No admin token: pass --admin-token T or set SAMVERKAN_ADMIN_TOKEN.");
            System.exit(2);
        }
        if (!Files.isReadable(Path.of(file))) {
            System.err.println("Cannot read the scenario file " + file);
            System.exit(2);
        }
        ScenarioPlayer player = new ScenarioPlayer(URI.create(command), URI.create(query), adminToken, System.out);
        try {
            System.exit(player.play(Path.of(file)).complete() ? 0 : 1);
        } catch (ConnectException e) {
            System.err.println("Cannot reach the services at " + command + " and " + query + ": are they running (ops/run)?");
            System.exit(2);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(2);
        }
        return args[i];
    }

    private static void usage(int exitCode) {
        (exitCode == 0 ? System.out : System.err).println(
                "Usage: ops/import FILE [--command URL] [--query URL] [--admin-token T]\n"
                        + "Plays a scenario file against running services; exits 0 when every step answered as expected.");
        System.exit(exitCode);
    }
}
