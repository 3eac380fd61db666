package dev.roster.scim;

import dev.roster.shared.ProblemException;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * A PATCH path (RFC 7644 section 3.5.2): {@code attr}, {@code attr.sub}, {@code attr[filter]} or {@code
 * attr[filter].sub}, optionally after a schema URN ({@code urn:...:enterprise:2.0:User:department}).
 *
 * @param extension the extension schema the attribute belongs to; null for the core schema
 * @param filter the value filter, null when there is none
 * @param sub the sub-attribute, null when the path names the whole attribute
 */
record ScimPath(String extension, String attribute, ScimFilter filter, String sub) {

    static ScimPath parse(String text) {
        String path = text.strip();
        String extension = null;
        String lower = path.toLowerCase(Locale.ROOT);
        for (String core : new String[] {ScimSchema.CORE_USER, ScimSchema.CORE_GROUP}) {
            if (lower.startsWith(core.toLowerCase(Locale.ROOT) + ":")) {
                path = path.substring(core.length() + 1);
            }
        }
        if (path.equalsIgnoreCase(ScimSchema.ENTERPRISE)) {
            return new ScimPath(ScimSchema.ENTERPRISE, null, null, null);
        }
        if (path.regionMatches(true, 0, "urn:", 0, 4)) {
            // An extension's attribute: the URN is everything before the last colon ahead of any value filter.
            int bracket = path.indexOf('[');
            int colon = (bracket < 0 ? path : path.substring(0, bracket)).lastIndexOf(':');
            extension = path.substring(0, colon);
            if (extension.equalsIgnoreCase(ScimSchema.ENTERPRISE)) {
                extension = ScimSchema.ENTERPRISE;
            }
            path = path.substring(colon + 1);
        }
        int open = path.indexOf('[');
        if (open >= 0) {
            int close = path.lastIndexOf(']');
            if (close < open) {
                throw invalid(text);
            }
            String rest = path.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(".")) {
                throw invalid(text);
            }
            return new ScimPath(
                    extension,
                    name(path.substring(0, open), text),
                    ScimFilter.parse(path.substring(open + 1, close)),
                    rest.isEmpty() ? null : name(rest.substring(1), text));
        }
        int dot = path.indexOf('.');
        return dot < 0
                ? new ScimPath(extension, name(path, text), null, null)
                : new ScimPath(
                        extension, name(path.substring(0, dot), text), null, name(path.substring(dot + 1), text));
    }

    private static String name(String name, String path) {
        if (!name.matches("[A-Za-z$][A-Za-z0-9_$-]*")) {
            throw invalid(path);
        }
        return name;
    }

    static ProblemException invalid(String path) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "scim_invalidPath", "The path " + path + " is invalid.");
    }
}
