package dev.roster.scim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Case-insensitive reading of SCIM JSON, value filters on elements, and attributes/excludedAttributes. */
final class ScimJson {

    /** The multi-valued attributes of Users and Groups, for an add that meets them absent. */
    static final Set<String> MULTI_VALUED = Set.of(
            "emails",
            "phonenumbers",
            "ims",
            "photos",
            "addresses",
            "entitlements",
            "roles",
            "x509certificates",
            "groups",
            "members",
            "schemas");

    private static final Map<String, String> CANONICAL = canonical();

    private ScimJson() {}

    /** The key of the object that is {@code name} ignoring case; the canonical spelling when it is absent. */
    static String key(ObjectNode object, String name) {
        for (String existing : object.propertyNames()) {
            if (existing.equalsIgnoreCase(name)) {
                return existing;
            }
        }
        return CANONICAL.getOrDefault(name.toLowerCase(Locale.ROOT), name);
    }

    /** The value of {@code name}, ignoring case; null when absent or JSON null. */
    static JsonNode get(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode value = object.get(key((ObjectNode) object, name));
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    static String text(JsonNode object, String name) {
        JsonNode value = get(object, name);
        return value == null || value.isContainer() ? null : value.asString();
    }

    /** Whether an element of a multi-valued attribute matches a value filter such as {@code type eq "work"}. */
    static boolean matches(ScimFilter filter, JsonNode element) {
        if (filter instanceof ScimFilter.And and) {
            return matches(and.left(), element) && matches(and.right(), element);
        }
        if (filter instanceof ScimFilter.Or or) {
            return matches(or.left(), element) || matches(or.right(), element);
        }
        if (filter instanceof ScimFilter.Not not) {
            return !matches(not.inner(), element);
        }
        if (filter instanceof ScimFilter.Present present) {
            JsonNode value = element.isObject() ? get(element, present.path()) : null;
            return value != null && !(value.isString() && value.asString().isEmpty());
        }
        if (filter instanceof ScimFilter.Compare compare) {
            JsonNode value = element.isObject() ? get(element, compare.path()) : null;
            return compare(value, compare.op(), compare.value());
        }
        throw ScimFilter.invalid("value paths do not nest");
    }

    private static boolean compare(JsonNode actual, String op, Object wanted) {
        if (wanted == null) {
            return op.equals("eq") == (actual == null);
        }
        if (actual == null) {
            return op.equals("ne");
        }
        if (wanted instanceof Boolean b) {
            boolean equal = actual.isBoolean()
                    ? actual.asBoolean() == b
                    : actual.asString().equalsIgnoreCase(b.toString());
            return op.equals("eq") == equal;
        }
        if (wanted instanceof BigDecimal number && actual.isNumber()) {
            int order = actual.decimalValue().compareTo(number);
            return order(op, order);
        }
        String a = actual.asString().toLowerCase(Locale.ROOT);
        String w = String.valueOf(wanted instanceof BigDecimal n ? n.toPlainString() : wanted)
                .toLowerCase(Locale.ROOT);
        return switch (op) {
            case "co" -> a.contains(w);
            case "sw" -> a.startsWith(w);
            case "ew" -> a.endsWith(w);
            default -> order(op, a.compareTo(w));
        };
    }

    private static boolean order(String op, int order) {
        return switch (op) {
            case "eq" -> order == 0;
            case "ne" -> order != 0;
            case "gt" -> order > 0;
            case "ge" -> order >= 0;
            case "lt" -> order < 0;
            case "le" -> order <= 0;
            default -> throw ScimFilter.invalid(op + " does not apply here");
        };
    }

    /**
     * Keeps only the named attributes (plus id, schemas and meta, which are always returned), or removes the
     * excluded ones. Names are case-insensitive and may be sub-attributes ({@code name.givenName}) or carry a schema
     * URN.
     */
    static ObjectNode project(ObjectNode resource, List<String> attributes, List<String> excluded) {
        if (!attributes.isEmpty()) {
            ObjectNode kept = resource.objectNode();
            for (String always : List.of("schemas", "id", "meta")) {
                if (resource.has(always)) {
                    kept.set(always, resource.get(always));
                }
            }
            for (String attribute : attributes) {
                copy(resource, kept, split(attribute));
            }
            return kept;
        }
        for (String attribute : excluded) {
            List<String> path = split(attribute);
            if (path.size() == 1 && Set.of("id", "schemas").contains(path.get(0).toLowerCase(Locale.ROOT))) {
                continue;
            }
            remove(resource, path);
        }
        return resource;
    }

    private static void copy(JsonNode from, ObjectNode to, List<String> path) {
        if (!from.isObject()) {
            return;
        }
        String key = key((ObjectNode) from, path.get(0));
        JsonNode value = from.get(key);
        if (value == null) {
            return;
        }
        if (path.size() == 1 || !value.isObject()) {
            to.set(key, value);
            return;
        }
        JsonNode target = to.get(key);
        ObjectNode child = target != null && target.isObject() ? (ObjectNode) target : to.putObject(key);
        copy(value, child, path.subList(1, path.size()));
    }

    private static void remove(JsonNode from, List<String> path) {
        if (!from.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) from;
        String key = key(object, path.get(0));
        if (path.size() == 1) {
            object.remove(key);
        } else if (object.get(key) != null) {
            remove(object.get(key), path.subList(1, path.size()));
        }
    }

    /** {@code name.givenName} as [name, givenName]; an enterprise attribute as [its URN, attribute(, sub)]. */
    static List<String> split(String attribute) {
        String trimmed = attribute.strip();
        List<String> path = new ArrayList<>();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        for (String core : new String[] {ScimSchema.CORE_USER, ScimSchema.CORE_GROUP}) {
            if (lower.startsWith(core.toLowerCase(Locale.ROOT) + ":")) {
                trimmed = trimmed.substring(core.length() + 1);
                lower = trimmed.toLowerCase(Locale.ROOT);
            }
        }
        if (lower.startsWith(ScimSchema.ENTERPRISE.toLowerCase(Locale.ROOT))) {
            path.add(ScimSchema.ENTERPRISE);
            trimmed = trimmed.substring(ScimSchema.ENTERPRISE.length());
            if (trimmed.startsWith(":")) {
                trimmed = trimmed.substring(1);
            }
            if (trimmed.isEmpty()) {
                return path;
            }
        }
        for (String part : trimmed.split("\\.", 2)) {
            path.add(part);
        }
        return path;
    }

    /** Splits a comma-separated attributes parameter. */
    static List<String> list(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = List.of(parameter.split(",")).iterator(); it.hasNext(); ) {
            String name = it.next().strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static Map<String, String> canonical() {
        Map<String, String> names = new java.util.HashMap<>();
        for (String name : new String[] {
            "userName",
            "name",
            "givenName",
            "familyName",
            "middleName",
            "formatted",
            "honorificPrefix",
            "honorificSuffix",
            "displayName",
            "nickName",
            "profileUrl",
            "title",
            "userType",
            "preferredLanguage",
            "locale",
            "timezone",
            "active",
            "emails",
            "phoneNumbers",
            "ims",
            "photos",
            "addresses",
            "groups",
            "entitlements",
            "roles",
            "x509Certificates",
            "externalId",
            "members",
            "value",
            "display",
            "type",
            "primary",
            "employeeNumber",
            "costCenter",
            "organization",
            "division",
            "department",
            "manager",
            "streetAddress",
            "locality",
            "region",
            "postalCode",
            "country"
        }) {
            names.put(name.toLowerCase(Locale.ROOT), name);
        }
        names.put(ScimSchema.ENTERPRISE.toLowerCase(Locale.ROOT), ScimSchema.ENTERPRISE);
        return Map.copyOf(names);
    }
}
