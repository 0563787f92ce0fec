package se.samverkan.command.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samverkan.platform.web.OpenApiProblems;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OpenAPI document of the command service (springdoc: {@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}), generated from the controllers and their request records. Open without a
 * token: it describes the contract, not data. Added here: the Bearer scheme, DESIGN.md's problem+json
 * answers and the headers of writes, which the controllers leave to filters and {@link Versions}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    public OpenAPI samverkanCommandApi() {
        return OpenApiProblems.bearerSecuredApi("Samverkan command service",
                "Write side: every write becomes a command on an aggregate and answers with the new"
                                + " aggregate version in ETag and the global index of its last event in Samverkan-Position."
                                + " Dates are ISO-8601 (2024-05-27), instants UTC with Z. Errors are RFC 9457 problem+json."
                                + " The contract is DESIGN.md.",
                "An issued token (POST /api/admin/tokens) or SAMVERKAN_ADMIN_TOKEN.");
    }

    /** DESIGN.md's error answers on every operation where they can occur. */
    @Bean
    public OpenApiCustomizer problemAnswersAndWriteHeaders() {
        return OpenApiProblems.onEveryOperation(OpenApiConfiguration::describe);
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        boolean write = method != PathItem.HttpMethod.GET;
        boolean body = operation.getRequestBody() != null;
        boolean named = path.contains("{");
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "Malformed: not one well-formed JSON value in UTF-8, duplicate keys, a malformed path"
                + " or If-Match.");
        problems.put("401", "No valid token: send 'Authorization: Bearer <token>'.");
        problems.put("403", "The token's role or project scope forbids this.");
        if (named) {
            problems.put("404", "The id in the path names nothing.");
        }
        if (write) {
            problems.put("409", "Conflict: duplicate id with another body, stale If-Match, wrong lifecycle state.");
        }
        if (body) {
            problems.put("413", "The body is over 1 MiB.");
            problems.put("415", "The body is not application/json in UTF-8.");
        }
        if (body || named) {
            problems.put("422", "Valid JSON that breaks a rule; 'errors' names each field and what to fix.");
        }
        problems.put("429", "Too many failed authentications from this address; see Retry-After.");
        problems.put("503", "The database is unavailable; nothing was stored. See Retry-After.");
        problems.forEach((status, description) -> operation.getResponses().putIfAbsent(status, OpenApiProblems.answer(description)));
        if (write) {
            writeHeaders(operation);
        }
    }

    private static void writeHeaders(Operation operation) {
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeaderObject(Versions.POSITION_HEADER, new Header().schema(new IntegerSchema().format("int64"))
                        .description("The global index of the last event this write stored (for a repeated idempotent"
                                + " create, that of the original); send it as Samverkan-Min-Position to the query service."));
                response.addHeaderObject("ETag", new Header().schema(new StringSchema())
                        .description("The aggregate's new version; send it as If-Match to refuse stale writes (409)."));
            }
        });
    }
}
