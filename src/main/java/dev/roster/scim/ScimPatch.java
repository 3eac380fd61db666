package dev.roster.scim;

import dev.roster.shared.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies PATCH operations (RFC 7644 section 3.5.2) to a resource's JSON, as the directories send them: ops in any
 * case ({@code Replace}), no-path ops whose value keys are paths ({@code "name.givenName"}, an enterprise URN
 * attribute), {@code add} on a single-valued attribute, value-path adds that create the element they name, and
 * removals of listed values only. Nothing wipes a whole multi-valued attribute unless the request names it with no
 * value.
 */
final class ScimPatch {

    static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    /** One operation, its op lower-cased. */
    record Operation(String op, String path, JsonNode value) {}

    private ScimPatch() {}

    /**
     * The operations of a PatchOp body, checked before the resource is looked up: 400 invalidSyntax when it is not
     * one, invalidPath for a path the resource's schema does not have, mutability for one that would change a
     * read-only attribute (other than restating the resource's id) or unassign a required one, invalidValue for an add or replace without a value.
     */
    static List<Operation> operations(JsonNode body, ScimAttributes attributes) {
        JsonNode schemas = ScimJson.get(body, "schemas");
        boolean patchOp = false;
        if (schemas != null && schemas.isArray()) {
            for (JsonNode schema : schemas) {
                patchOp |= SCHEMA.equalsIgnoreCase(schema.asString());
            }
        }
        if (!patchOp) {
            throw syntax("a PATCH body's schemas is [\"" + SCHEMA + "\"]");
        }
        JsonNode operations = ScimJson.get(body, "Operations");
        if (operations == null || !operations.isArray()) {
            throw syntax("a PATCH body has an Operations array");
        }
        if (operations.isEmpty()) {
            throw syntax("Operations has at least one operation");
        }
        if (operations.size() > 1000) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "scim_tooMany", "At most 1000 operations at once.");
        }
        List<Operation> result = new ArrayList<>();
        for (JsonNode operation : operations) {
            String op = ScimJson.text(operation, "op");
            if (op == null || !List.of("add", "remove", "replace").contains(op.toLowerCase(Locale.ROOT))) {
                throw syntax("each operation's op is add, remove or replace");
            }
            String path = ScimJson.text(operation, "path");
            Operation checked = new Operation(
                    op.toLowerCase(Locale.ROOT),
                    path == null || path.isBlank() ? null : path,
                    ScimJson.get(operation, "value"));
            if (checked.path() == null && checked.op().equals("remove")) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "scim_noTarget", "A remove needs a path.");
            }
            ScimPath parsed = checked.path() == null ? null : ScimPath.parse(checked.path());
            if (parsed != null) {
                attributes.check(parsed);
            }
            if (!checked.op().equals("remove") && checked.value() == null) {
                throw value("an " + checked.op() + " needs a value");
            }
            if (checked.path() == null && !checked.value().isObject()) {
                throw value("an operation without a path has an object value");
            }
            result.add(checked);
        }
        return result;
    }

    /**
     * 400 mutability for an operation that would change a read-only attribute (other than restating the resource's
     * own id) or unassign a required one. Checked once the resource is known to exist, so that an unknown one is 404
     * whatever the body says.
     */
    static void checkMutability(List<Operation> operations, ScimAttributes attributes, UUID id) {
        for (Operation operation : operations) {
            if (operation.path() != null) {
                attributes.checkMutability(operation.op(), ScimPath.parse(operation.path()), operation.value(), id);
                continue;
            }
            for (Map.Entry<String, JsonNode> entry : operation.value().properties()) {
                if (!entry.getKey().equalsIgnoreCase(ScimSchema.ENTERPRISE)) {
                    attributes.checkMutability(operation.op(), ScimPath.parse(entry.getKey()), entry.getValue(), id);
                }
            }
        }
    }

    static void apply(ObjectNode resource, Operation operation) {
        if (operation.path() == null) {
            if (operation.op().equals("remove")) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "scim_noTarget", "A remove needs a path.");
            }
            if (operation.value() == null || !operation.value().isObject()) {
                throw value("an operation without a path has an object value");
            }
            for (Map.Entry<String, JsonNode> entry : operation.value().properties()) {
                if (entry.getKey().equalsIgnoreCase(ScimSchema.ENTERPRISE)
                        && entry.getValue().isObject()) {
                    for (Map.Entry<String, JsonNode> inner : entry.getValue().properties()) {
                        at(resource, operation.op(), ScimSchema.ENTERPRISE + ":" + inner.getKey(), inner.getValue());
                    }
                } else {
                    at(resource, operation.op(), entry.getKey(), entry.getValue());
                }
            }
            return;
        }
        at(resource, operation.op(), operation.path(), operation.value());
    }

    private static void at(ObjectNode resource, String op, String text, JsonNode value) {
        ScimPath path = ScimPath.parse(text);
        ObjectNode parent = resource;
        if (path.extension() != null) {
            String key = ScimJson.key(resource, path.extension());
            JsonNode extension = resource.get(key);
            if (path.attribute() == null) {
                set(resource, key, op, value);
                return;
            }
            if (extension == null || !extension.isObject()) {
                if (op.equals("remove")) {
                    return;
                }
                extension = resource.putObject(key);
            }
            parent = (ObjectNode) extension;
        }
        if (path.filter() != null) {
            elements(parent, op, path, value);
            return;
        }
        if (path.sub() == null) {
            set(parent, ScimJson.key(parent, path.attribute()), op, value);
            return;
        }
        String key = ScimJson.key(parent, path.attribute());
        JsonNode complex = parent.get(key);
        if (complex == null || !complex.isObject()) {
            if (op.equals("remove")) {
                return;
            }
            complex = parent.putObject(key);
        }
        set((ObjectNode) complex, ScimJson.key((ObjectNode) complex, path.sub()), op, value);
    }

    /** {@code attr[filter]} or {@code attr[filter].sub}: the matching elements; an add or replace creates one. */
    private static void elements(ObjectNode parent, String op, ScimPath path, JsonNode value) {
        String key = ScimJson.key(parent, path.attribute());
        JsonNode current = parent.get(key);
        if (current == null || !current.isArray()) {
            if (op.equals("remove")) {
                return;
            }
            current = parent.putArray(key);
        }
        ArrayNode array = (ArrayNode) current;
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (ScimJson.matches(path.filter(), array.get(i))) {
                matching.add(i);
            }
        }
        if (op.equals("remove")) {
            for (int i = matching.size() - 1; i >= 0; i--) {
                if (path.sub() == null) {
                    array.remove((int) matching.get(i));
                } else {
                    ObjectNode element = (ObjectNode) array.get(matching.get(i));
                    element.remove(ScimJson.key(element, path.sub()));
                }
            }
            return;
        }
        if (matching.isEmpty()) {
            ObjectNode created = array.addObject();
            equalities(path.filter(), created);
            matching.add(array.size() - 1);
        }
        for (int index : matching) {
            JsonNode element = array.get(index);
            if (!element.isObject()) {
                continue;
            }
            ObjectNode object = (ObjectNode) element;
            JsonNode given = value != null && value.isArray() && value.size() == 1 ? value.get(0) : value;
            if (path.sub() != null) {
                set(object, ScimJson.key(object, path.sub()), "replace", value);
            } else if (given != null && given.isObject()) {
                given.properties().forEach(e -> object.set(ScimJson.key(object, e.getKey()), e.getValue()));
            } else {
                throw value("a value filter without a sub-attribute takes an object value");
            }
        }
    }

    /** The {@code sub eq "v"} parts of a filter, as the fields of an element it creates. */
    private static void equalities(ScimFilter filter, ObjectNode element) {
        if (filter instanceof ScimFilter.And and) {
            equalities(and.left(), element);
            equalities(and.right(), element);
        } else if (filter instanceof ScimFilter.Compare compare && compare.op().equals("eq")) {
            String key = ScimJson.key(element, compare.path());
            Object wanted = compare.value();
            if (wanted instanceof Boolean b) {
                element.put(key, b);
            } else if (wanted != null) {
                element.put(key, String.valueOf(wanted));
            }
        }
    }

    private static void set(ObjectNode object, String key, String op, JsonNode value) {
        JsonNode current = object.get(key);
        boolean multi =
                (current != null && current.isArray()) || ScimJson.MULTI_VALUED.contains(key.toLowerCase(Locale.ROOT));
        switch (op) {
            case "remove" -> {
                if (multi && current != null && current.isArray() && value != null) {
                    removeListed((ArrayNode) current, value);
                } else {
                    object.remove(key);
                }
            }
            case "add" -> {
                if (value == null || value.isNull()) {
                    return;
                }
                if (multi) {
                    ArrayNode array = current != null && current.isArray() ? (ArrayNode) current : object.putArray(key);
                    for (JsonNode element : value.isArray() ? value : List.of(value)) {
                        if (!contains(array, element)) {
                            array.add(element);
                        }
                    }
                } else if (current != null && current.isObject() && value.isObject()) {
                    merge((ObjectNode) current, value);
                } else {
                    object.set(key, value);
                }
            }
            default -> {
                if (value == null || value.isNull()) {
                    object.remove(key);
                } else if (!multi && current != null && current.isObject() && value.isObject()) {
                    merge((ObjectNode) current, value);
                } else if (multi && !value.isArray()) {
                    object.putArray(key).add(value);
                } else {
                    object.set(key, value);
                }
            }
        }
    }

    private static void merge(ObjectNode current, JsonNode value) {
        value.properties().forEach(e -> current.set(ScimJson.key(current, e.getKey()), e.getValue()));
    }

    /** Removes the elements whose value is listed (Entra's member removal), never the others. */
    private static void removeListed(ArrayNode array, JsonNode listed) {
        for (JsonNode gone : listed.isArray() ? listed : List.of(listed)) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (same(array.get(i), gone)) {
                    array.remove(i);
                }
            }
        }
    }

    private static boolean contains(ArrayNode array, JsonNode element) {
        for (JsonNode existing : array) {
            if (same(existing, element)) {
                return true;
            }
        }
        return false;
    }

    /** Two elements are the same when their values are (ignoring case for text), or when they are equal. */
    static boolean same(JsonNode a, JsonNode b) {
        String va = a.isObject() ? ScimJson.text(a, "value") : a.isValueNode() ? a.asString() : null;
        String vb = b.isObject() ? ScimJson.text(b, "value") : b.isValueNode() ? b.asString() : null;
        if (va != null && vb != null) {
            String ta = a.isObject() ? ScimJson.text(a, "type") : null;
            String tb = b.isObject() ? ScimJson.text(b, "type") : null;
            return va.equalsIgnoreCase(vb) && (ta == null || tb == null || ta.equalsIgnoreCase(tb));
        }
        return a.equals(b);
    }

    static ProblemException value(String why) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST, "scim_invalidValue", "The request is invalid: " + why + ".");
    }

    static ProblemException mutability(String why) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "scim_mutability", "The request is invalid: " + why + ".");
    }

    static ProblemException syntax(String why) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST, "scim_invalidSyntax", "The request is invalid: " + why + ".");
    }
}
