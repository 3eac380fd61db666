package dev.roster.scim;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The attributes a PATCH path may name, per resource type: the core schema's (with their sub-attributes), the
 * enterprise extension's for users, and anything under an extension that is not one of IETF's (kept as sent).
 * Another path is 400 invalidPath, checked before the resource is looked up. Once it is found, an operation on a
 * read-only attribute ({@code id}, {@code meta}, a user's {@code groups}), or one that would leave a required
 * attribute ({@code userName}, a group's {@code displayName}) without a value, is 400 mutability (RFC 7644 sections
 * 3.5.2 and 3.5.2.2).
 */
final class ScimAttributes {

    private static final Set<String> MULTI = Set.of("value", "display", "type", "primary", "$ref");
    private static final Set<String> ADDRESS =
            Set.of("formatted", "streetaddress", "locality", "region", "postalcode", "country", "type", "primary");

    static final ScimAttributes USER = new ScimAttributes(
            Map.ofEntries(
                    Map.entry("id", Set.of()),
                    Map.entry("externalid", Set.of()),
                    Map.entry("username", Set.of()),
                    Map.entry(
                            "name",
                            Set.of(
                                    "formatted",
                                    "familyname",
                                    "givenname",
                                    "middlename",
                                    "honorificprefix",
                                    "honorificsuffix")),
                    Map.entry("displayname", Set.of()),
                    Map.entry("nickname", Set.of()),
                    Map.entry("profileurl", Set.of()),
                    Map.entry("title", Set.of()),
                    Map.entry("usertype", Set.of()),
                    Map.entry("preferredlanguage", Set.of()),
                    Map.entry("locale", Set.of()),
                    Map.entry("timezone", Set.of()),
                    Map.entry("active", Set.of()),
                    Map.entry("password", Set.of()),
                    Map.entry("emails", MULTI),
                    Map.entry("phonenumbers", MULTI),
                    Map.entry("ims", MULTI),
                    Map.entry("photos", MULTI),
                    Map.entry("addresses", ADDRESS),
                    Map.entry("entitlements", MULTI),
                    Map.entry("roles", MULTI),
                    Map.entry("x509certificates", MULTI)),
            Set.of("id", "meta", "groups"),
            "username",
            Map.of(
                    "employeenumber", Set.of(),
                    "costcenter", Set.of(),
                    "organization", Set.of(),
                    "division", Set.of(),
                    "department", Set.of(),
                    "manager", Set.of("value", "$ref", "displayname")));

    static final ScimAttributes GROUP = new ScimAttributes(
            Map.of(
                    "id", Set.of(),
                    "externalid", Set.of(),
                    "displayname", Set.of(),
                    "members", Set.of("value", "display", "type", "$ref")),
            Set.of("id", "meta"),
            "displayname",
            Map.of());

    private static final Set<String> MULTI_VALUED = Set.of(
            "emails",
            "phonenumbers",
            "ims",
            "photos",
            "addresses",
            "entitlements",
            "roles",
            "x509certificates",
            "members");

    private final Map<String, Set<String>> core;
    private final Set<String> readOnly;
    private final String required;
    private final Map<String, Set<String>> enterprise;

    /**
     * @param readOnly core attributes no operation may touch
     * @param required the core attribute no operation may leave without a value
     */
    private ScimAttributes(
            Map<String, Set<String>> core, Set<String> readOnly, String required, Map<String, Set<String>> enterprise) {
        this.core = core;
        this.readOnly = readOnly;
        this.required = required;
        this.enterprise = enterprise;
    }

    /** Whether the path names the required attribute as a whole. */
    private boolean isRequired(ScimPath path) {
        return path.extension() == null
                && path.sub() == null
                && path.filter() == null
                && path.attribute().equalsIgnoreCase(required);
    }

    /**
     * 400 mutability when the operation would change a read-only attribute or unassign the required one: a remove
     * of it, or a replace or add whose value is null. Restating the resource's own id is no change: Okta's group
     * rename sends {@code {"op": "replace", "value": {"id": <its id>, "displayName": ...}}}.
     */
    void checkMutability(String op, ScimPath path, JsonNode value, UUID id) {
        if (path.extension() != null || path.attribute() == null) {
            return;
        }
        String attribute = path.attribute().toLowerCase(Locale.ROOT);
        boolean ownId = attribute.equals("id")
                && path.sub() == null
                && !op.equals("remove")
                && value != null
                && value.isString()
                && value.asString().strip().equalsIgnoreCase(id.toString());
        if (readOnly.contains(attribute) && !ownId) {
            throw ScimPatch.mutability(path.attribute() + " is read-only");
        }
        boolean unassigns = op.equals("remove") || value == null || value.isNull();
        if (isRequired(path) && unassigns) {
            throw ScimPatch.mutability(path.attribute() + " is required and cannot be removed");
        }
    }

    void check(ScimPath path) {
        Map<String, Set<String>> schema;
        if (path.extension() == null) {
            schema = core;
        } else if (path.extension().equals(ScimSchema.ENTERPRISE) && !enterprise.isEmpty()) {
            if (path.attribute() == null) {
                return;
            }
            schema = enterprise;
        } else if (path.extension().toLowerCase(Locale.ROOT).startsWith("urn:ietf:")) {
            throw ScimPath.invalid(path.extension() + ":" + path.attribute());
        } else {
            return;
        }
        String attribute = path.attribute().toLowerCase(Locale.ROOT);
        if (schema == core && readOnly.contains(attribute)) {
            return; // a path that exists but may not be changed: mutability, once the resource is found
        }
        Set<String> subs = schema.get(attribute);
        if (subs == null
                || (path.sub() != null && !subs.contains(path.sub().toLowerCase(Locale.ROOT)))
                || (path.filter() != null && !MULTI_VALUED.contains(attribute))) {
            throw ScimPath.invalid(path.attribute() + (path.sub() == null ? "" : "." + path.sub()));
        }
    }
}
