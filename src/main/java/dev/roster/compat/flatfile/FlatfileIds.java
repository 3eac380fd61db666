package dev.roster.compat.flatfile;

import dev.roster.shared.ProblemException;
import java.util.UUID;

/**
 * Flatfile's ids on Roster's: a Flatfile id is its kind's prefix followed by Roster's own id, such as {@code
 * us_usr_0190...}. Every id is read with or without its prefix; one with another kind's prefix is refused.
 */
final class FlatfileIds {

    static final String USER = "us_usr_";
    static final String ACCOUNT = "us_acc_";
    static final String ENVIRONMENT = "us_env_";
    static final String ROLE = "us_rol_";
    static final String ACTOR_ROLE = "us_acr_";

    private FlatfileIds() {}

    static String of(String prefix, UUID id) {
        return id == null ? null : prefix + id;
    }

    /** An id in a request body; 400 naming the field when it is not an id of this kind. */
    static UUID read(String field, String text, String... prefixes) {
        if (text == null) {
            return null;
        }
        UUID id = parse(text, prefixes);
        if (id == null) {
            throw ProblemException.invalid(field, "must be a " + String.join(" or ", prefixes) + " id");
        }
        return id;
    }

    /** An id in a path; a path naming no such thing is 404. */
    static UUID find(String what, String text, String prefix) {
        UUID id = parse(text, prefix);
        if (id == null) {
            throw ProblemException.notFound(what);
        }
        return id;
    }

    private static UUID parse(String text, String... prefixes) {
        String raw = text.strip();
        for (String prefix : prefixes) {
            if (raw.startsWith(prefix)) {
                raw = raw.substring(prefix.length());
                break;
            }
        }
        try {
            return raw.length() == 36 ? UUID.fromString(raw) : null;
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
