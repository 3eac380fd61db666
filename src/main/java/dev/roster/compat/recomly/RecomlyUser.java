package dev.roster.compat.recomly;

import dev.roster.compat.Timestamps;
import dev.roster.user.User;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A user as Recomly's create answer shows it: these four fields and no others.
 *
 * @param createdAt ISO 8601 in UTC with milliseconds, as {@code 2026-04-15T12:00:00.000Z}
 */
@Schema(name = "RecomlyUser")
record RecomlyUser(String email, List<String> roles, boolean allowPasswordAuth, String createdAt) {

    static RecomlyUser of(User user) {
        return new RecomlyUser(
                user.email(), user.roles(), user.allowPasswordAuth(), Timestamps.millis(user.createdAt()));
    }

    /** The answer's envelope: {@code {"user": {...}}}. */
    @Schema(name = "RecomlyUserCreated")
    record Created(RecomlyUser user) {}
}
