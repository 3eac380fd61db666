package dev.roster.user;

import java.time.Instant;

/**
 * Filters of the user list.
 *
 * @param status invited, active or deactivated
 * @param role the name of a role held across the organization, such as admin
 * @param q a prefix of the email or the name, case-insensitive
 * @param email exactly this email (compared as stored: trimmed and lower-cased)
 * @param createdAfter only users created after this instant
 * @param deleted true lists deleted users instead of live ones
 */
public record UserQuery(String status, String role, String q, String email, Instant createdAfter, Boolean deleted) {

    /** No filter: every live user. */
    public static final UserQuery ALL = new UserQuery(null, null, null, null, null, null);
}
