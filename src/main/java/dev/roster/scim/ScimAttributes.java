package dev.roster.scim;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The attributes a PATCH path may name, per resource type: the core schema's (with their sub-attributes), the
 * enterprise extension's for users, and anything under an extension that is not one of IETF's (kept as sent).
 * Another path is 400 invalidPath, checked before the resource is looked up.
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
    private final Map<String, Set<String>> enterprise;

    private ScimAttributes(Map<String, Set<String>> core, Map<String, Set<String>> enterprise) {
        this.core = core;
        this.enterprise = enterprise;
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
        Set<String> subs = schema.get(attribute);
        if (subs == null
                || (path.sub() != null && !subs.contains(path.sub().toLowerCase(Locale.ROOT)))
                || (path.filter() != null && !MULTI_VALUED.contains(attribute))) {
            throw ScimPath.invalid(path.attribute() + (path.sub() == null ? "" : "." + path.sub()));
        }
    }
}
