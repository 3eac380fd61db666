package dev.roster.scim;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes a filter may name, and the SQL each one reads: Roster's own columns ({@code u} users or {@code g}
 * groups) or the attributes kept as sent ({@code s.attributes}). Nothing outside this whitelist reaches SQL.
 * Attribute names compare case-insensitively and may carry their schema's URN.
 */
final class ScimSchema {

    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    enum Type {
        STRING,
        BOOLEAN,
        DATETIME
    }

    /**
     * @param storedLower the column holds lower-cased text already (the email), so it is compared without lower()
     */
    record Column(String sql, Type type, boolean caseExact, boolean storedLower, String indexedEq) {

        Column(String sql, Type type, boolean caseExact, boolean storedLower) {
            this(sql, type, caseExact, storedLower, null);
        }
    }

    /**
     * userName is the one SCIM kept (lower-cased) or else the email. {@code eq}, what directories send, is a lookup
     * by each one's index; the ids it finds are then checked against the exact condition.
     */
    private static final Column USER_NAME = new Column(
            "coalesce(s.user_name, u.email)",
            Type.STRING,
            false,
            true,
            "u.id IN (SELECT r.id FROM scim_resources r WHERE r.organization_id = :org AND r.user_name = %1$s"
                    + " UNION ALL SELECT x.id FROM users x WHERE x.organization_id = :org AND x.deleted_at IS NULL"
                    + " AND x.email = %1$s)");

    /**
     * A multi-valued attribute: {@code source} (with {@code %1$s} for the element's alias) yields its elements and
     * ends in a WHERE clause; each sub-attribute's SQL reads the element.
     */
    record MultiValued(String name, String source, Map<String, Column> subs) {

        Optional<Column> sub(String alias, String path) {
            Column template = subs.get(path.toLowerCase(Locale.ROOT));
            return Optional.ofNullable(template)
                    .map(c -> new Column(c.sql().formatted(alias), c.type(), c.caseExact(), c.storedLower(), null));
        }

        String from(String alias) {
            return source.formatted(alias);
        }
    }

    static final ScimSchema USERS = users();
    static final ScimSchema GROUPS = groups();

    private final Map<String, Column> columns;
    private final Map<String, MultiValued> multiValued;

    private ScimSchema(Map<String, Column> columns, Map<String, MultiValued> multiValued) {
        this.columns = Map.copyOf(columns);
        this.multiValued = Map.copyOf(multiValued);
    }

    Optional<Column> column(String path) {
        return Optional.ofNullable(columns.get(normalize(path)));
    }

    Optional<MultiValued> multiValued(String path) {
        return Optional.ofNullable(multiValued.get(normalize(path)));
    }

    /**
     * The lower-cased path without the core schema's URN; an enterprise attribute becomes {@code enterprise:name}.
     */
    static String normalize(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String core : new String[] {CORE_USER, CORE_GROUP}) {
            String prefix = core.toLowerCase(Locale.ROOT) + ":";
            if (lower.startsWith(prefix)) {
                return lower.substring(prefix.length());
            }
        }
        String enterprise = ENTERPRISE.toLowerCase(Locale.ROOT) + ":";
        return lower.startsWith(enterprise) ? "enterprise:" + lower.substring(enterprise.length()) : lower;
    }

    private static Column text(String sql) {
        return new Column(sql, Type.STRING, false, false);
    }

    private static Column exact(String sql) {
        return new Column(sql, Type.STRING, true, false);
    }

    private static ScimSchema users() {
        Map<String, Column> c = new HashMap<>();
        c.put("id", exact("CAST(u.id AS text)"));
        c.put("externalid", exact("u.external_id"));
        c.put("username", USER_NAME);
        c.put("displayname", text("coalesce(u.name, nullif(concat_ws(' ', u.first_name, u.last_name), ''))"));
        c.put("name.givenname", text("u.first_name"));
        c.put("name.familyname", text("u.last_name"));
        c.put("name.formatted", text("(s.attributes #>> '{name,formatted}')"));
        c.put("name.middlename", text("(s.attributes #>> '{name,middleName}')"));
        for (String attribute :
                new String[] {"nickName", "title", "userType", "preferredLanguage", "locale", "timezone", "profileUrl"
                }) {
            c.put(attribute.toLowerCase(Locale.ROOT), text("(s.attributes ->> '" + attribute + "')"));
        }
        c.put("active", new Column("(u.status <> 'deactivated')", Type.BOOLEAN, false, false));
        c.put("meta.created", new Column("u.created_at", Type.DATETIME, false, false));
        c.put("meta.lastmodified", new Column("greatest(u.updated_at, s.updated_at)", Type.DATETIME, false, false));
        for (String attribute :
                new String[] {"employeeNumber", "costCenter", "organization", "division", "department"}) {
            c.put(
                    "enterprise:" + attribute.toLowerCase(Locale.ROOT),
                    text("(s.attributes #>> '{" + ENTERPRISE + "," + attribute + "}')"));
        }
        c.put("enterprise:manager", exact("CAST(u.manager_id AS text)"));
        c.put("enterprise:manager.value", exact("CAST(u.manager_id AS text)"));
        Map<String, MultiValued> m = new HashMap<>();
        m.put(
                "emails",
                stored(
                        "emails",
                        "coalesce(s.attributes -> 'emails', jsonb_build_array(jsonb_build_object('value', u.email,"
                                + " 'type', 'work', 'primary', true)))"));
        for (String attribute :
                new String[] {"phoneNumbers", "ims", "photos", "addresses", "entitlements", "roles", "x509Certificates"
                }) {
            m.put(
                    attribute.toLowerCase(Locale.ROOT),
                    stored(attribute, "coalesce(s.attributes -> '" + attribute + "', '[]'::jsonb)"));
        }
        m.put(
                "groups",
                new MultiValued(
                        "groups",
                        "group_members %1$s WHERE %1$s.user_id = u.id",
                        Map.of("value", exact("CAST(%1$s.group_id AS text)"))));
        return new ScimSchema(c, m);
    }

    private static MultiValued stored(String name, String array) {
        Map<String, Column> subs = new HashMap<>();
        for (String sub : new String[] {
            "value", "display", "type", "formatted", "streetAddress", "locality", "region", "postalCode", "country"
        }) {
            subs.put(sub.toLowerCase(Locale.ROOT), text("(%1$s ->> '" + sub + "')"));
        }
        subs.put("primary", new Column("(coalesce(%1$s ->> 'primary', 'false') = 'true')", Type.BOOLEAN, false, false));
        return new MultiValued(
                name,
                "jsonb_array_elements(CASE WHEN jsonb_typeof(" + array + ") = 'array' THEN " + array
                        + " ELSE '[]'::jsonb END) %1$s WHERE true",
                subs);
    }

    private static ScimSchema groups() {
        Map<String, Column> c = new HashMap<>();
        c.put("id", exact("CAST(g.id AS text)"));
        c.put("externalid", exact("s.external_id"));
        c.put("displayname", text("g.name"));
        c.put("meta.created", new Column("g.created_at", Type.DATETIME, false, false));
        c.put("meta.lastmodified", new Column("greatest(g.updated_at, s.updated_at)", Type.DATETIME, false, false));
        Map<String, MultiValued> m = Map.of(
                "members",
                new MultiValued(
                        "members",
                        "group_members %1$s WHERE %1$s.group_id = g.id",
                        Map.of("value", exact("CAST(%1$s.user_id AS text)"))));
        return new ScimSchema(c, m);
    }
}
