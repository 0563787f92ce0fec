package se.samverkan.query.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.samverkan.platform.web.OpenApiProblems;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import se.samverkan.query.platform.consistency.MinPositionFilter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI document of the query service (springdoc: {@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}), generated from the controllers and their request records; the pages are
 * not in it. Open without a token (AuthenticationFilter lets it through): it describes the contract, not
 * data. Added here: the Bearer scheme, DESIGN.md's problem+json answers and the read-your-writes
 * position, which the controllers leave to filters.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final Pattern VARIABLE_WITH_PATTERN = Pattern.compile("\\{(\\w+):([^}]+)}");

    static {
        // the event stream's body is text/event-stream frames, not the SseEmitter object springdoc would describe
        SpringDocUtils.getConfig().replaceWithSchema(SseEmitter.class, new StringSchema()
                .description("Server-Sent Events of the project's changes: each frame's id is the global event index; resume with"
                        + " Last-Event-ID."));
    }

    @Bean
    public OpenAPI samverkanQueryApi() {
        return OpenApiProblems.bearerSecuredApi("Samverkan query service",
                "Read side: read models folded from the event store, audit histories and proofs,"
                                + " the live event stream and webhook subscriptions. Dates are ISO-8601 (2024-05-27),"
                                + " instants UTC with Z. Errors are RFC 9457 problem+json. The contract is DESIGN.md.",
                "A token issued by the command service (POST /api/admin/tokens).");
    }

    /** DESIGN.md's error answers on every operation where they can occur; reads may wait for a position. */
    @Bean
    public OpenApiCustomizer problemAnswersAndMinPosition() {
        return OpenApiProblems.onEveryOperation(OpenApiConfiguration::describe);
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        boolean read = method == PathItem.HttpMethod.GET;
        boolean body = operation.getRequestBody() != null;
        boolean named = path.contains("{");
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "Malformed: not one well-formed JSON value in UTF-8, duplicate keys, a malformed path"
                + " or query parameter.");
        problems.put("401", "No valid token: send 'Authorization: Bearer <token>'.");
        problems.put("403", "The token's role or project scope forbids this.");
        if (named) {
            problems.put("404", "The id in the path names nothing (or is not the caller's subscription).");
        }
        if (body) {
            problems.put("413", "The body is over 1 MiB.");
            problems.put("415", "The body is not application/json in UTF-8.");
        }
        if (body || named) {
            problems.put("422", "Valid JSON that breaks a rule; 'errors' names each field and what to fix.");
        }
        problems.put("429", "Too many failed authentications from this address; see Retry-After.");
        problems.put("503", read
                ? "The read models did not reach Samverkan-Min-Position in time, or the database is unavailable;"
                        + " see Retry-After."
                : "The database is unavailable; nothing was stored. See Retry-After.");
        problems.forEach((status, description) -> operation.getResponses().putIfAbsent(status, OpenApiProblems.answer(description)));
        if (read) {
            String why = "Answer only once the read models have processed this global event index (a write's"
                    + " Samverkan-Position).";
            operation.addParametersItem(new HeaderParameter().name(MinPositionFilter.HEADER).description(why)
                    .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)));
            operation.addParametersItem(new QueryParameter().name(MinPositionFilter.PARAMETER)
                    .description("The same as the " + MinPositionFilter.HEADER + " header.")
                    .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)));
        }
    }

    /**
     * A path variable with a pattern ({kind:reports|projects}) keeps it in the document; springdoc keeps only its
     * name, and /api/{kind}/{id}/history would otherwise promise every kind.
     */
    @Bean
    public OperationCustomizer pathVariablePatterns() {
        return (operation, handler) -> {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
            if (mapping == null || operation.getParameters() == null) {
                return operation;
            }
            for (String path : mapping.path()) {
                Matcher variable = VARIABLE_WITH_PATTERN.matcher(path);
                while (variable.find()) {
                    String name = variable.group(1);
                    String pattern = "^(" + variable.group(2) + ")$";
                    operation.getParameters().stream()
                            .filter(parameter -> "path".equals(parameter.getIn()) && name.equals(parameter.getName()))
                            .forEach(parameter -> parameter.getSchema().setPattern(pattern));
                }
            }
            return operation;
        };
    }
}
