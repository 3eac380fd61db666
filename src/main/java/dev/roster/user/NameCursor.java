package dev.roster.user;

import dev.roster.shared.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A keyset position in the user list sorted by name: the page after it starts strictly after this (sort name, id)
 * pair, so that members with the same name are neither skipped nor repeated. Opaque base64url text, told apart from
 * a creation-order cursor by its prefix.
 */
record NameCursor(String name, UUID id) {

    private static final String PREFIX = "name:";

    String encode() {
        String raw = PREFIX + id + ":" + name;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor from a query parameter; null or blank means the first page. */
    static NameCursor decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            if (!raw.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a name cursor");
            }
            String rest = raw.substring(PREFIX.length());
            return new NameCursor(rest.substring(37), UUID.fromString(rest.substring(0, 36)));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
        }
    }
}
