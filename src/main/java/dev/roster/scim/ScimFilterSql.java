package dev.roster.scim;

import dev.roster.shared.database.Rows;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link ScimFilter} into a SQL condition over a whitelist of attributes ({@link ScimSchema}): an attribute
 * not in it is 400 {@code invalidFilter}, and every value is a bind parameter. Case-exactness is the schema's:
 * userName and displayName compare case-insensitively, externalId and id exactly.
 */
final class ScimFilterSql {

    private final ScimSchema schema;
    private final Map<String, Object> params;
    private int element;

    private ScimFilterSql(ScimSchema schema, Map<String, Object> params) {
        this.schema = schema;
        this.params = params;
    }

    /** The condition, its values added to {@code params}. */
    static String where(ScimSchema schema, ScimFilter filter, Map<String, Object> params) {
        return new ScimFilterSql(schema, params).condition(filter, null);
    }

    /** @param within the multi-valued attribute whose element {@code e<n>} a value path's filter is about */
    private String condition(ScimFilter filter, Within within) {
        if (filter instanceof ScimFilter.And and) {
            return "(" + condition(and.left(), within) + " AND " + condition(and.right(), within) + ")";
        }
        if (filter instanceof ScimFilter.Or or) {
            return "(" + condition(or.left(), within) + " OR " + condition(or.right(), within) + ")";
        }
        if (filter instanceof ScimFilter.Not not) {
            return "(NOT coalesce(" + condition(not.inner(), within) + ", false))";
        }
        if (filter instanceof ScimFilter.ValuePath path) {
            return valuePath(path, within);
        }
        if (filter instanceof ScimFilter.Present present) {
            return attribute(present.path(), within, null, null);
        }
        ScimFilter.Compare compare = (ScimFilter.Compare) filter;
        return attribute(compare.path(), within, compare.op(), compare.value());
    }

    private record Within(ScimSchema.MultiValued attribute, String alias) {}

    private String valuePath(ScimFilter.ValuePath path, Within within) {
        if (within != null) {
            throw ScimFilter.invalid("value paths do not nest");
        }
        ScimSchema.MultiValued multi = schema.multiValued(path.attribute())
                .orElseThrow(() -> ScimFilter.invalid(path.attribute() + " is not a multi-valued attribute"));
        Within inside = new Within(multi, "e" + element++);
        return exists(inside, condition(path.inner(), inside));
    }

    private String attribute(String path, Within within, String op, Object value) {
        if (within != null) {
            ScimSchema.Column column = within.attribute()
                    .sub(within.alias(), path)
                    .orElseThrow(() -> ScimFilter.invalid(path + " is not a sub-attribute of "
                            + within.attribute().name()));
            return compare(column, op, value);
        }
        var direct = schema.column(path);
        if (direct.isPresent()) {
            return compare(direct.get(), op, value);
        }
        // emails.value eq "x", or emails eq "x" (its value): some element matches.
        String normalized = ScimSchema.normalize(path);
        int dot = normalized.lastIndexOf('.');
        String attribute = dot < 0 ? normalized : normalized.substring(0, dot);
        String sub = dot < 0 ? "value" : normalized.substring(dot + 1);
        ScimSchema.MultiValued multi =
                schema.multiValued(attribute).orElseThrow(() -> ScimFilter.invalid(path + " cannot be filtered on"));
        Within inside = new Within(multi, "e" + element++);
        ScimSchema.Column column =
                multi.sub(inside.alias(), sub).orElseThrow(() -> ScimFilter.invalid(path + " cannot be filtered on"));
        return exists(inside, compare(column, op, value));
    }

    private static String exists(Within within, String condition) {
        return "EXISTS (SELECT 1 FROM " + within.attribute().from(within.alias()) + " AND " + condition + ")";
    }

    private String compare(ScimSchema.Column column, String op, Object value) {
        String expr = column.sql();
        if (op == null) {
            return switch (column.type()) {
                case STRING -> "(" + expr + " IS NOT NULL AND " + expr + " <> '')";
                default -> "(" + expr + " IS NOT NULL)";
            };
        }
        return switch (column.type()) {
            case BOOLEAN -> bool(expr, op, value);
            case DATETIME -> datetime(expr, op, value);
            case STRING -> string(column, op, value);
        };
    }

    private String bool(String expr, String op, Object value) {
        Boolean wanted = value instanceof Boolean b
                ? b
                : value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))
                        ? Boolean.valueOf(s)
                        : null;
        if (wanted == null || !(op.equals("eq") || op.equals("ne"))) {
            throw ScimFilter.invalid("a boolean attribute takes eq or ne with true or false");
        }
        String name = param(wanted);
        return op.equals("eq") ? "(" + expr + " = " + name + ")" : "(" + expr + " IS DISTINCT FROM " + name + ")";
    }

    private String datetime(String expr, String op, Object value) {
        if (!(value instanceof String text)) {
            throw ScimFilter.invalid("a dateTime attribute compares with a quoted date and time");
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ScimFilter.invalid(text + " is not a date and time such as 2026-01-31T12:00:00Z");
        }
        String name = param(Rows.timestamp(instant));
        return switch (op) {
            case "eq" -> "(" + expr + " = " + name + ")";
            case "ne" -> "(" + expr + " IS DISTINCT FROM " + name + ")";
            case "gt" -> "(" + expr + " > " + name + ")";
            case "ge" -> "(" + expr + " >= " + name + ")";
            case "lt" -> "(" + expr + " < " + name + ")";
            case "le" -> "(" + expr + " <= " + name + ")";
            default -> throw ScimFilter.invalid(op + " does not apply to a dateTime");
        };
    }

    private String string(ScimSchema.Column column, String op, Object value) {
        if (value == null) {
            return switch (op) {
                case "eq" -> "(" + column.sql() + " IS NULL)";
                case "ne" -> "(" + column.sql() + " IS NOT NULL)";
                default -> throw ScimFilter.invalid(op + " does not compare with null");
            };
        }
        String text = value instanceof BigDecimal number ? number.toPlainString() : String.valueOf(value);
        boolean exact = column.caseExact();
        // A column stored lower-cased (the email) is compared as it is, so that its index serves the query.
        String expr = exact || column.storedLower() ? column.sql() : "lower(" + column.sql() + ")";
        String given = exact ? text : text.toLowerCase(Locale.ROOT);
        if (op.equals("eq") && column.indexedEq() != null) {
            String name = param(given);
            return "(" + column.indexedEq().formatted(name) + " AND " + expr + " = " + name + ")";
        }
        return switch (op) {
            case "eq" -> "(" + expr + " = " + param(given) + ")";
            case "ne" -> "(" + expr + " IS DISTINCT FROM " + param(given) + ")";
            case "co" -> "(" + expr + " LIKE " + param("%" + like(given) + "%") + ")";
            case "sw" -> "(" + expr + " LIKE " + param(like(given) + "%") + ")";
            case "ew" -> "(" + expr + " LIKE " + param("%" + like(given)) + ")";
            case "gt" -> "(" + expr + " > " + param(given) + ")";
            case "ge" -> "(" + expr + " >= " + param(given) + ")";
            case "lt" -> "(" + expr + " < " + param(given) + ")";
            case "le" -> "(" + expr + " <= " + param(given) + ")";
            default -> throw ScimFilter.invalid("unknown operator " + op);
        };
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private String param(Object value) {
        String name = "f" + params.size();
        params.put(name, value);
        return ":" + name;
    }
}
