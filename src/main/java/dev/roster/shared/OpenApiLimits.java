package dev.roster.shared;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes Roster's size limits into every schema of {@code /openapi.json}, so that clients and linters (Spectral's
 * OWASP ruleset in .ci/run) see them; applied last, by {@link OpenApiConfiguration}: {@code maxLength} on strings, {@code maxItems} on arrays, {@code minimum} and
 * {@code maximum} on integers. A limit the code enforces is stated as it is; a string with no limit of its own is
 * bounded by the 1 MiB request body, and an integer by its format's range.
 */
final class OpenApiLimits {

    private OpenApiLimits() {}

    /** Lengths the services enforce, by property name (Text.required / Text.optional and the value objects). */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("email", 254),
            Map.entry("firstName", 100),
            Map.entry("lastName", 100),
            Map.entry("name", 200),
            Map.entry("mobilePhone", 16),
            Map.entry("externalId", 255),
            Map.entry("description", 500),
            Map.entry("type", 100),
            Map.entry("issuer", 2000),
            Map.entry("clientId", 500),
            Map.entry("url", 2000),
            Map.entry("password", 256),
            Map.entry("newPassword", 256),
            Map.entry("currentPassword", 256),
            Map.entry("roles", 100),
            Map.entry("events", 100),
            Map.entry("permissions", 100));

    /** Schemas whose {@code name} is held to 100 characters rather than 200. */
    private static final Set<String> SHORT_NAMES = Set.of("RoleRequest", "Role", "EnvironmentRequest", "Environment");

    private static final Map<String, Integer> FORMAT_LENGTHS =
            Map.of("uuid", 36, "date-time", 64, "date", 10, "email", 254, "uri", 2000);

    /** Entries the services accept or answer, by property name. */
    private static final Map<String, Integer> ITEMS = Map.ofEntries(
            Map.entry("data", 200),
            Map.entry("roles", 50),
            Map.entry("roleIds", 50),
            Map.entry("role_ids", 50),
            Map.entry("pending_role_ids", 50),
            Map.entry("pendingRoles", 50),
            Map.entry("roleAssignments", 50),
            Map.entry("groups", 50),
            Map.entry("positionIds", 50),
            Map.entry("actorRoles", 50),
            Map.entry("events", 100),
            Map.entry("permissions", 100));

    static final int BODY_LIMIT = 1024 * 1024;
    private static final int DEFAULT_ITEMS = 1000;

    /** Adds the limits to every schema of the document that has none. */
    static void apply(OpenAPI openApi) {
        Map<Schema<?>, Boolean> seen = new IdentityHashMap<>();
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().forEach((name, schema) -> limit(name, null, schema, seen));
        }
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(p -> limit(null, p.getName(), p.getSchema(), seen));
                    }
                    if (operation.getRequestBody() != null) {
                        limit(operation.getRequestBody().getContent(), seen);
                    }
                    if (operation.getResponses() != null) {
                        operation.getResponses().values().forEach(response -> {
                            limit(response.getContent(), seen);
                            if (response.getHeaders() != null) {
                                response.getHeaders()
                                        .forEach((name, header) -> limit(null, name, header.getSchema(), seen));
                            }
                        });
                    }
                }));
    }

    private static void limit(Content content, Map<Schema<?>, Boolean> seen) {
        if (content != null) {
            content.values().forEach(media -> limit(null, null, media.getSchema(), seen));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void limit(String owner, String property, Schema schema, Map<Schema<?>, Boolean> seen) {
        if (schema == null || seen.put(schema, Boolean.TRUE) != null) {
            return;
        }
        if (is(schema, "string")
                && schema.getMaxLength() == null
                && schema.getEnum() == null
                && schema.getConst() == null) {
            schema.setMaxLength(length(owner, property, schema.getFormat()));
        }
        if (is(schema, "integer")) {
            boolean wide = "int64".equals(schema.getFormat());
            if (schema.getMinimum() == null && schema.getExclusiveMinimumValue() == null) {
                schema.setMinimum(BigDecimal.valueOf(wide ? Long.MIN_VALUE : Integer.MIN_VALUE));
            }
            if (schema.getMaximum() == null && schema.getExclusiveMaximumValue() == null) {
                schema.setMaximum(BigDecimal.valueOf(wide ? Long.MAX_VALUE : Integer.MAX_VALUE));
            }
        }
        if (is(schema, "array")) {
            if (schema.getMaxItems() == null) {
                schema.setMaxItems(property == null ? DEFAULT_ITEMS : ITEMS.getOrDefault(property, DEFAULT_ITEMS));
            }
            limit(owner, property, schema.getItems(), seen);
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).forEach((name, child) -> limit(owner, name, child, seen));
        }
        if (schema.getAdditionalProperties() instanceof Schema extra) {
            limit(owner, null, extra, seen);
        }
        for (List<Schema> group : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
            if (group != null) {
                group.forEach(child -> limit(owner, property, child, seen));
            }
        }
    }

    private static int length(String owner, String property, String format) {
        if (property != null && property.equals("name") && owner != null && SHORT_NAMES.contains(owner)) {
            return 100;
        }
        if (property != null && LENGTHS.containsKey(property)) {
            return LENGTHS.get(property);
        }
        if (format != null && FORMAT_LENGTHS.containsKey(format)) {
            return FORMAT_LENGTHS.get(format);
        }
        return BODY_LIMIT;
    }

    private static boolean is(Schema<?> schema, String type) {
        return type.equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains(type));
    }
}
