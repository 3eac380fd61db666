package dev.roster.scim;

import dev.roster.shared.ProblemException;
import org.springframework.http.HttpStatus;

/** If-Match against a resource's version: strong or weak, {@code *}, or several; a mismatch is 412. */
final class ScimVersions {

    private ScimVersions() {}

    static void check(String ifMatch, String version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = bare(version);
        for (String given : ifMatch.split(",")) {
            String tag = given.strip();
            if (tag.equals("*") || bare(tag).equals(current)) {
                return;
            }
        }
        throw new ProblemException(
                HttpStatus.PRECONDITION_FAILED,
                "version_mismatch",
                "The resource changed since that version; read it again.");
    }

    private static String bare(String tag) {
        String t = tag.startsWith("W/") ? tag.substring(2) : tag;
        return t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2 ? t.substring(1, t.length() - 1) : t;
    }
}
