package dev.roster.scim;

import dev.roster.shared.ProblemException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * If-Match against a resource's version (RFC 7644 section 3.14): {@code *} or a list of entity tags, strong or weak.
 * A header that is neither names no version Roster could have issued: 400 invalidVers (RFC 7644 section 3.12, for
 * PUT, PATCH and DELETE). A well-formed list without the current version is 412.
 */
final class ScimVersions {

    /** An entity tag (RFC 9110 section 8.8.3): optionally {@code W/}, then any visible characters but DQUOTE, quoted. */
    private static final Pattern ENTITY_TAG = Pattern.compile("(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"");

    private ScimVersions() {}

    static void check(String ifMatch, String version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String[] given = ifMatch.split(",");
        for (String tag : given) {
            String t = tag.strip();
            if (!(t.equals("*") && given.length == 1) && !ENTITY_TAG.matcher(t).matches()) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "scim_invalidVers",
                        "If-Match is * or a list of entity tags such as W/\"abc\" (the resource's meta.version).");
            }
        }
        String current = opaque(version);
        for (String tag : given) {
            String t = tag.strip();
            if (t.equals("*") || opaque(t).equals(current)) {
                return;
            }
        }
        throw new ProblemException(
                HttpStatus.PRECONDITION_FAILED,
                "version_mismatch",
                "The resource changed since that version; read it again.");
    }

    /** The quoted part of a tag: weak and strong forms of one version compare equal (weak comparison). */
    private static String opaque(String tag) {
        String t = tag.startsWith("W/") ? tag.substring(2) : tag;
        return t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2 ? t.substring(1, t.length() - 1) : t;
    }
}
