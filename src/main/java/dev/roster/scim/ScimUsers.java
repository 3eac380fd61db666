package dev.roster.scim;

import dev.roster.shared.RosterProperties;
import dev.roster.user.User;
import dev.roster.user.UserStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Roster user as a SCIM User and back. Roster owns userName (the email), the given and family names, displayName,
 * externalId, active and the enterprise manager; every other attribute is kept as sent and returned unchanged. The
 * password a directory may send is dropped here and never stored; groups are read-only.
 */
@Component
class ScimUsers {

    /** What a request says about the attributes Roster owns, and what it keeps as sent. */
    record Input(
            String email,
            String givenName,
            String familyName,
            String displayName,
            String externalId,
            Boolean active,
            UUID managerId,
            ObjectNode kept) {}

    private static final Set<String> NEVER_KEPT =
            Set.of("id", "meta", "schemas", "password", "groups", "username", "externalid", "active", "displayname");

    private final JsonMapper json;
    private final String base;

    ScimUsers(JsonMapper json, RosterProperties properties) {
        this.json = json;
        this.base = properties.publicUrl().replaceAll("/+$", "") + "/scim/v2";
    }

    Input read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimPatch.syntax("the body is a JSON object");
        }
        String userName = ScimJson.text(body, "userName");
        if (userName == null || userName.isBlank()) {
            throw ScimPatch.value("userName is required");
        }
        JsonNode name = ScimJson.get(body, "name");
        ObjectNode kept = json.createObjectNode();
        body.properties().forEach(e -> {
            if (!NEVER_KEPT.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                kept.set(ScimJson.key(kept, e.getKey()), e.getValue().deepCopy());
            }
        });
        JsonNode keptName = ScimJson.get(kept, "name");
        if (keptName != null && keptName.isObject()) {
            ((ObjectNode) keptName).remove(ScimJson.key((ObjectNode) keptName, "givenName"));
            ((ObjectNode) keptName).remove(ScimJson.key((ObjectNode) keptName, "familyName"));
            if (keptName.isEmpty()) {
                kept.remove(ScimJson.key(kept, "name"));
            }
        }
        UUID manager = null;
        JsonNode enterprise = ScimJson.get(kept, ScimSchema.ENTERPRISE);
        if (enterprise != null && enterprise.isObject()) {
            manager = manager(ScimJson.get(enterprise, "manager"));
            ((ObjectNode) enterprise).remove(ScimJson.key((ObjectNode) enterprise, "manager"));
        }
        return new Input(
                userName.strip(),
                ScimJson.text(name, "givenName"),
                ScimJson.text(name, "familyName"),
                ScimJson.text(body, "displayName"),
                ScimJson.text(body, "externalId"),
                active(ScimJson.get(body, "active")),
                manager,
                kept);
    }

    /** {@code true}, {@code false}, or Entra's {@code "True"} and {@code "False"}; null when absent. */
    private static Boolean active(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isString()
                && List.of("true", "false").contains(value.asString().toLowerCase(Locale.ROOT))) {
            return Boolean.valueOf(value.asString().toLowerCase(Locale.ROOT));
        }
        throw ScimPatch.value("active is true or false");
    }

    /** {@code {"value": id}} or a bare id; null or an empty value clears the manager. */
    private static UUID manager(JsonNode value) {
        JsonNode id = value != null && value.isObject() ? ScimJson.get(value, "value") : value;
        if (id == null || (id.isString() && id.asString().isBlank())) {
            return null;
        }
        try {
            return UUID.fromString(id.asString().strip());
        } catch (IllegalArgumentException e) {
            throw ScimPatch.value("manager is the id of a user of this organization");
        }
    }

    /** The SCIM User, with its groups and the attributes kept as sent. */
    ObjectNode render(User user, StoredResource stored, List<JdbcScimResourceRepository.Ref> groups) {
        ObjectNode resource = json.createObjectNode();
        ObjectNode kept =
                stored == null ? json.createObjectNode() : stored.attributes().deepCopy();
        ArrayNode schemas = resource.putArray("schemas").add(ScimSchema.CORE_USER);
        resource.put("id", user.id().toString());
        if (user.externalId() != null) {
            resource.put("externalId", user.externalId());
        }
        resource.put("userName", user.email());
        ObjectNode name = resource.putObject("name");
        JsonNode keptName = ScimJson.get(kept, "name");
        if (keptName != null && keptName.isObject()) {
            name.setAll((ObjectNode) keptName);
        }
        putOrRemove(name, "givenName", user.firstName());
        putOrRemove(name, "familyName", user.lastName());
        if (ScimJson.get(name, "formatted") == null && user.displayName() != null) {
            name.put("formatted", user.displayName());
        }
        if (user.displayName() != null) {
            resource.put("displayName", user.displayName());
        }
        resource.put("active", user.status() != UserStatus.DEACTIVATED);
        kept.properties().forEach(e -> {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            if (!lower.equals("name") && !lower.equals(ScimSchema.ENTERPRISE.toLowerCase(Locale.ROOT))) {
                resource.set(e.getKey(), e.getValue());
            }
        });
        if (ScimJson.get(resource, "emails") == null) {
            resource.putArray("emails")
                    .addObject()
                    .put("value", user.email())
                    .put("type", "work")
                    .put("primary", true);
        }
        ArrayNode groupList = resource.putArray("groups");
        for (JdbcScimResourceRepository.Ref group : groups) {
            groupList
                    .addObject()
                    .put("value", group.id().toString())
                    .put("display", group.display())
                    .put("$ref", base + "/Groups/" + group.id());
        }
        ObjectNode enterprise = json.createObjectNode();
        JsonNode keptEnterprise = ScimJson.get(kept, ScimSchema.ENTERPRISE);
        if (keptEnterprise != null && keptEnterprise.isObject()) {
            enterprise.setAll((ObjectNode) keptEnterprise);
        }
        if (user.manager() != null) {
            ObjectNode manager = enterprise.putObject("manager");
            manager.put("value", user.manager().id().toString());
            manager.put("$ref", base + "/Users/" + user.manager().id());
            if (user.manager().name() != null) {
                manager.put("displayName", user.manager().name());
            }
        }
        if (!enterprise.isEmpty()) {
            schemas.add(ScimSchema.ENTERPRISE);
            resource.set(ScimSchema.ENTERPRISE, enterprise);
        }
        Instant lastModified =
                stored == null || stored.updatedAt().isBefore(user.updatedAt()) ? user.updatedAt() : stored.updatedAt();
        ObjectNode meta = resource.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", user.createdAt().toString());
        meta.put("lastModified", lastModified.toString());
        meta.put("location", base + "/Users/" + user.id());
        meta.put("version", version(user, stored));
        return resource;
    }

    /** The ETag: weak, changing with every write to the user, through SCIM or not. */
    static String version(User user, StoredResource stored) {
        Instant at = user.updatedAt();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return "W/\"" + Long.toString(micros, 36) + (stored == null ? "" : "." + stored.version()) + "\"";
    }

    private static void putOrRemove(ObjectNode object, String key, String value) {
        object.remove(ScimJson.key(object, key));
        if (value != null) {
            object.put(key, value);
        }
    }
}
