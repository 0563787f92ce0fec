package se.samverkan.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/** The problem+json answers of {@link ProblemHandler} in each service's OpenAPI document. */
public final class OpenApiProblems {

    public static final String PROBLEM = "Problem";

    private OpenApiProblems() {
    }

    /** In an OpenApiCustomizer, not in the OpenAPI bean: springdoc sets the schemas it generates in place of the bean's. */
    public static final String BEARER = "bearer";

    /** A service's document: its title and description, every operation behind a Bearer token. */
    public static OpenAPI bearerSecuredApi(String title, String description, String tokenDescription) {
        return new OpenAPI()
                .info(new Info().title(title).version("1").description(description))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description(tokenDescription)))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** What a service adds to each operation of its document (its error answers, headers, parameters). */
    @FunctionalInterface
    public interface OperationDescription {
        void describe(String path, PathItem.HttpMethod method, Operation operation);
    }

    /** The problem schema, then the service's description of every operation. */
    public static OpenApiCustomizer onEveryOperation(OperationDescription description) {
        return api -> {
            // here, not in the OpenAPI bean: springdoc sets the schemas it generates in place of the bean's
            addSchema(api);
            api.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> description.describe(path, method, operation)));
        };
    }

    public static void addSchema(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM, schema());
    }

    /** An error answer: problem+json with the given description. */
    public static ApiResponse answer(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    static Schema<?> schema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("What went wrong and what to fix."))
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("errors", new ArraySchema().description("For validation: each field and its problem.")
                        .items(new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema())));
    }
}
