package se.samverkan.command.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samverkan.command.support.CommandServiceIT;
import se.samverkan.command.support.HttpApi.Answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command endpoint answers a typed record, so the OpenAPI document names the fields of each
 * answer with a body (DESIGN.md's {id}, {id, token} and the submission receipt), and no answer is an
 * untyped object.
 */
class CommandResponsesDocumentedIT extends CommandServiceIT {

    private JsonNode document;

    @BeforeEach
    void readTheDocument() {
        Answer answer = api.send("GET", null, "/v3/api-docs", null, Map.of());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        document = answer.json();
    }

    @Test
    void createsAnswerTheirIdAndTheTokenAndTheReceiptAreSpelledOut() {
        for (String path : List.of("/api/organisations", "/api/projects", "/api/projects/{projectId}/meetings",
                "/api/projects/{projectId}/workshops", "/api/projects/{projectId}/pilots", "/api/projects/{projectId}/reports")) {
            assertThat(answerFields(path, "post", "201")).as("POST %s answers {id}", path).containsExactly("id");
        }
        assertThat(answerFields("/api/admin/tokens", "post", "201")).containsExactlyInAnyOrder("id", "token");
        assertThat(answerFields("/api/reports/{reportId}/submission", "post", "200"))
                .containsExactlyInAnyOrder("reportId", "version", "submittedAt", "chainHead");
    }

    @Test
    void noCommandAnswersAnUntypedObject() {
        List<String> untyped = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operation.getValue().path("responses").fields().forEachRemaining(response -> {
                    if (response.getKey().startsWith("2")) {
                        response.getValue().path("content").forEach(media -> {
                            JsonNode schema = resolve(media.path("schema"));
                            if (!schema.has("properties") || schema.path("properties").isEmpty()) {
                                untyped.add(operation.getKey().toUpperCase() + " " + path.getKey() + " " + response.getKey());
                            }
                        });
                    }
                })));
        assertThat(untyped).as("2xx answers without a typed body").isEmpty();
    }

    private List<String> answerFields(String path, String method, String status) {
        JsonNode response = document.path("paths").path(path).path(method).path("responses").path(status);
        assertThat(response.isMissingNode()).as("%s %s answers %s", method, path, status).isFalse();
        JsonNode schema = resolve(response.path("content").path("*/*").isMissingNode()
                ? response.path("content").elements().next().path("schema")
                : response.path("content").path("*/*").path("schema"));
        List<String> fields = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/")
                ? document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()))
                : schema;
    }
}
