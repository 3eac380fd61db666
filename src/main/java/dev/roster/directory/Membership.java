package dev.roster.directory;

import java.time.Instant;

/**
 * A group a user belongs to, as seen from the user.
 *
 * @param isPrimary whether this is the user's primary group
 * @param addedAt when the user joined the group
 */
public record Membership(Group group, boolean isPrimary, Instant addedAt) {}
