package dev.roster.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /openapi.json}: every endpoint takes an API key as a bearer token, and every
 * operation lists the problem+json answers it can give.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final Map<String, String> READ_ERRORS = Map.of(
            "400", "Invalid parameters (validation_failed, organization_required)",
            "401", "Missing, invalid or revoked API key (missing_api_key, invalid_api_key)",
            "403", "The key's role or kind does not allow this (forbidden)",
            "404", "No such object in the caller's reach, or no such route (not_found)",
            "500", "Unexpected failure; quote the requestId (internal_error)");

    private static final Map<String, String> WRITE_ERRORS = Map.of(
            "400", "Invalid body (validation_failed, unknown_field, malformed_json)",
            "403", "Not allowed (forbidden), or the plan is full (seat_limit_reached)",
            "409", "Conflicts with the current state (email_taken, user_deleted, ...)",
            "413", "Body larger than 1 MiB (payload_too_large)",
            "415", "Body is not application/json (unsupported_media_type)");

    @Bean
    OpenAPI rosterOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Roster API")
                        .version("v1")
                        .description("Organizations, API keys, users and the audit log. Every error is RFC 9457"
                                + " application/problem+json with a stable code."))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A platform, partner or organization API key")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }

    /**
     * Adds the problem+json answers to Roster's own operations. A compatibility surface (a path with an {@link
     * ErrorDialect}) documents its own error answers on its operations.
     */
    @Bean
    OpenApiCustomizer problemResponses(ErrorDialects dialects) {
        return openApi -> {
            Schema<?> problem = SpringDocAnnotationsUtils.extractSchema(
                    openApi.getComponents(), ProblemBody.class, null, null, openApi.getSpecVersion());
            openApi.getComponents().getSchemas().remove("ProblemDetail");
            openApi.getPaths()
                    .forEach((template, path) -> path.readOperationsMap().forEach((method, operation) -> {
                        boolean own = dialects.forPath(template).isEmpty();
                        if (own) {
                            READ_ERRORS.forEach(
                                    (status, text) -> operation.getResponses().put(status, response(problem, text)));
                        }
                        if (method == PathItem.HttpMethod.POST) {
                            operation.addParametersItem(new HeaderParameter()
                                    .name("Idempotency-Key")
                                    .description("Up to 255 characters. The same key and body within 24 hours"
                                            + " replay the first answer; another body is 422, a request still"
                                            + " running is 409.")
                                    .schema(new StringSchema().maxLength(255)));
                        }
                        if (own && method != PathItem.HttpMethod.GET) {
                            WRITE_ERRORS.forEach(
                                    (status, text) -> operation.getResponses().put(status, response(problem, text)));
                        }
                    }));
        };
    }

    private static ApiResponse response(Schema<?> problem, String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content().addMediaType("application/problem+json", new MediaType().schema(problem)));
    }
}
