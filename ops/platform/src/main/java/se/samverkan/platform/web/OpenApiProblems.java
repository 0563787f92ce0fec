package se.samverkan.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
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
