package dev.roster.scim;

import dev.roster.shared.ProblemException;
import dev.roster.shared.RosterProperties;
import dev.roster.user.Email;
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
            String userName,
            String email,
            String givenName,
            String familyName,
            String displayName,
            String externalId,
            Boolean active,
            UUID managerId,
            ObjectNode kept) {}

    private static final Set<String> NEVER_KEPT =
            Set.of("id", "meta", "schemas", "password", "groups", "externalid", "active", "displayname");

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
        checkTypes(body);
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
                email(userName.strip(), ScimJson.get(body, "emails")),
                ScimJson.text(name, "givenName"),
                ScimJson.text(name, "familyName"),
                ScimJson.text(body, "displayName"),
                ScimJson.text(body, "externalId"),
                active(ScimJson.get(body, "active")),
                manager,
                kept);
    }

    private static final Set<String> STRINGS = Set.of(
            "username",
            "displayname",
            "nickname",
            "profileurl",
            "title",
            "usertype",
            "preferredlanguage",
            "locale",
            "timezone",
            "externalid");
    private static final Set<String> ARRAYS =
            Set.of("emails", "phonenumbers", "ims", "photos", "addresses", "entitlements", "roles", "x509certificates");

    /** The core attributes have the schema's types: 400 invalidValue for a boolean title or an object emails. */
    private static void checkTypes(JsonNode body) {
        body.properties().forEach(e -> {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            JsonNode value = e.getValue();
            if (value.isNull()) {
                return;
            }
            if (STRINGS.contains(key) && !value.isString()) {
                throw ScimPatch.value(e.getKey() + " is a string");
            }
            if (ARRAYS.contains(key) && !(value.isArray() && value.valueStream().allMatch(JsonNode::isObject))) {
                throw ScimPatch.value(e.getKey() + " is an array of objects");
            }
            if (key.equals("name")
                    && !(value.isObject() && value.valueStream().allMatch(v -> v.isString() || v.isNull()))) {
                throw ScimPatch.value("name is an object of strings");
            }
        });
    }

    /**
     * Roster's email for the user: the userName when it is an email address (as Okta and Entra ID send it), else the
     * primary email, else the first.
     */
    private static String email(String userName, JsonNode emails) {
        if (isEmail(userName)) {
            return userName;
        }
        String first = null;
        if (emails != null && emails.isArray()) {
            for (JsonNode email : emails) {
                String value = ScimJson.text(email, "value");
                if (value != null && isEmail(value)) {
                    JsonNode primary = ScimJson.get(email, "primary");
                    if (primary != null && primary.asBoolean()) {
                        return value;
                    }
                    first = first == null ? value : first;
                }
            }
        }
        return first != null ? first : placeholder(userName);
    }

    /**
     * Roster's users all have an email; a directory may send a user with none. Such a user gets an address under
     * the reserved {@code .invalid} domain (RFC 2606), which no mail is ever delivered to, and which SCIM never shows
     * as one of its emails.
     */
    static String placeholder(String userName) {
        String local = userName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        local = local.substring(0, Math.min(local.length(), 40)) + "-"
                + Integer.toHexString(userName.toLowerCase(Locale.ROOT).hashCode());
        return local.replaceAll("^[.]+|[.]+$", "x") + PLACEHOLDER_DOMAIN;
    }

    static final String PLACEHOLDER_DOMAIN = "@no-email.scim.invalid";

    private static boolean isEmail(String text) {
        try {
            Email.parse("email", text);
            return true;
        } catch (ProblemException notAnEmail) {
            return false;
        }
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
        if (ScimJson.get(resource, "emails") == null && !user.email().endsWith(PLACEHOLDER_DOMAIN)) {
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
        // An extension a directory sent, kept as sent, is named in schemas as its URN.
        kept.propertyNames().stream()
                .filter(key -> key.regionMatches(true, 0, "urn:", 0, 4) && !key.equalsIgnoreCase(ScimSchema.ENTERPRISE))
                .forEach(schemas::add);
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
