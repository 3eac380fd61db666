package dev.roster.user;

import java.time.Instant;

/**
 * Filters of the user list.
 *
 * @param status invited, active or deactivated
 * @param role the name of a role held across the organization, such as admin
 * @param q a prefix of the email or the name, case-insensitive
 * @param createdAfter only users created after this instant
 * @param deleted true lists deleted users instead of live ones
 */
public record UserQuery(String status, String role, String q, Instant createdAfter, Boolean deleted) {}
