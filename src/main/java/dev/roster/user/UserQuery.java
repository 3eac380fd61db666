package dev.roster.user;

import java.time.Instant;
import java.util.UUID;

/**
 * Filters and order of the user list.
 *
 * @param status invited, active or deactivated
 * @param role the name of a role held across the organization, such as admin
 * @param q a prefix of the email or the name, case-insensitive
 * @param email exactly this email (compared as stored: trimmed and lower-cased)
 * @param createdAfter only users created after this instant
 * @param deleted true lists deleted users instead of live ones
 * @param groupId only members of this group
 * @param lastLoginBefore only users who have not signed in since this instant, those who never did included
 * @param sort {@code created} (oldest first, the default) or {@code name} (by name, else email, A to Z)
 */
public record UserQuery(
        String status,
        String role,
        String q,
        String email,
        Instant createdAfter,
        Boolean deleted,
        UUID groupId,
        Instant lastLoginBefore,
        String sort) {

    /** No filter: every live user. */
    public static final UserQuery ALL = new UserQuery(null, null, null, null, null, null);

    /** The list's filters of before groups, sign-in time and sort, oldest first. */
    public UserQuery(String status, String role, String q, String email, Instant createdAfter, Boolean deleted) {
        this(status, role, q, email, createdAfter, deleted, null, null, null);
    }

    /** Whether the list is by name rather than by creation. */
    public boolean byName() {
        return "name".equals(sort);
    }
}
