package dev.roster.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
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

    private static final String PROBLEM = "application/problem+json";

    private static final String TOO_MANY = "Too many requests for the key, organization or client address, or too many"
            + " sign-in attempts or invitations (rate_limited, too_many_attempts, too_many_invitations); wait"
            + " Retry-After seconds";

    @Bean
    OpenAPI rosterOpenApi(RosterProperties properties) {
        return new OpenAPI()
                .addServersItem(new Server()
                        .url(properties.publicUrl())
                        .description("This Roster in production, at ROSTER_PUBLIC_URL")
                        .extensions(Map.of("x-internal", false)))
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
     * Stable operation ids, for clients generated from the document: the method's name and the controller's
     * ({@code UserController.list} is {@code listUser}, {@code FlatfileUserController.invite} is {@code
     * inviteFlatfileUser}), instead of springdoc's {@code list2} and {@code create10}, whose numbers move whenever
     * an endpoint is added anywhere. {@link #uniqueOperationIds()} numbers a method served on several paths.
     */
    @Bean
    OperationCustomizer stableOperationIds() {
        return (operation, handler) -> operation.operationId(handler.getMethod().getName()
                + handler.getBeanType().getSimpleName().replaceFirst("Controller$", ""));
    }

    /** A method served on several paths: the second path in path order gets 2 appended, and so on. */
    @Bean
    OpenApiCustomizer uniqueOperationIds() {
        return openApi -> {
            Map<String, Integer> seen = new java.util.HashMap<>();
            new java.util.TreeMap<>(openApi.getPaths())
                    .forEach((path, item) -> item.readOperations().forEach(op -> {
                        int n = seen.merge(op.getOperationId(), 1, Integer::sum);
                        if (n > 1) {
                            op.setOperationId(op.getOperationId() + n);
                        }
                    }));
        };
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
                            READ_ERRORS.forEach((status, text) -> document(operation, status, problem, text));
                        } else {
                            surfaceErrors(operation);
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
                            WRITE_ERRORS.forEach((status, text) -> document(operation, status, problem, text));
                        }
                        if (own) {
                            operation.getResponses().put("429", response(problem, TOO_MANY));
                        }
                        rateLimitHeaders(operation);
                    }));
            OpenApiLimits.apply(openApi);
        };
    }

    /**
     * Documents an error answer on one of Roster's own operations. An operation that documents the status as
     * problem+json itself (an import's 413 names its own limit) keeps its description and gets the problem schema.
     */
    private static void document(Operation operation, String status, Schema<?> problem, String text) {
        ApiResponse own = operation.getResponses().get(status);
        MediaType ownProblem = own == null || own.getContent() == null
                ? null
                : own.getContent().get(PROBLEM);
        if (ownProblem == null) {
            operation.getResponses().put(status, response(problem, text));
        } else {
            ownProblem.setSchema(problem);
        }
    }

    /**
     * A compatibility surface's operation gets 401, 429 and 500 in the surface's own error body (the one its
     * operation already documents for another failure) when it does not list them itself.
     */
    private static void surfaceErrors(Operation operation) {
        operation.getResponses().entrySet().stream()
                .filter(e -> e.getKey().startsWith("4") && e.getValue().getContent() != null)
                .map(e -> e.getValue().getContent())
                .findFirst()
                .ifPresent(content -> Map.of(
                                "401", "Missing or invalid credential",
                                "429", TOO_MANY,
                                "500", "Unexpected failure")
                        .forEach((status, text) -> operation
                                .getResponses()
                                .computeIfAbsent(
                                        status,
                                        s -> new ApiResponse().description(text).content(content))));
    }

    /**
     * Every 2xx and 4xx answer carries the RateLimit headers: of the credential's and organization's buckets once a
     * request is authenticated, of the client address's bucket on the public paths and on a refused authentication.
     * A 429 also carries Retry-After.
     */
    private static void rateLimitHeaders(Operation operation) {
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") || status.startsWith("4")) {
                response.addHeaderObject("RateLimit-Limit", header("Requests a minute the tighter bucket allows"));
                response.addHeaderObject("RateLimit-Remaining", header("Requests left in the tighter bucket"));
                response.addHeaderObject("RateLimit-Reset", header("Seconds until the tighter bucket is full again"));
            }
            if (status.equals("429")) {
                response.addHeaderObject("Retry-After", header("Seconds to wait before retrying"));
            }
        });
    }

    private static Header header(String description) {
        return new Header()
                .description(description)
                .schema(new IntegerSchema()
                        .format("int64")
                        .minimum(BigDecimal.ZERO)
                        .maximum(BigDecimal.valueOf(Long.MAX_VALUE)));
    }

    private static ApiResponse response(Schema<?> problem, String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content().addMediaType(PROBLEM, new MediaType().schema(problem)));
    }
}
