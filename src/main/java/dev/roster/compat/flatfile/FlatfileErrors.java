package dev.roster.compat.flatfile;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Flatfile's error body: {@code {"errors": [{"key": ..., "message": ...}]}}.
 *
 * @param errors one entry for each invalid field, or one for the whole request
 */
record FlatfileErrors(List<Entry> errors) {

    /**
     * @param key the invalid field (such as {@code email} or {@code actorRoles[0].roleId}), or Roster's stable code
     *     for a failure of the whole request (such as {@code email_taken} or {@code not_found})
     */
    record Entry(@JsonInclude(JsonInclude.Include.NON_NULL) String key, String message) {}
}
