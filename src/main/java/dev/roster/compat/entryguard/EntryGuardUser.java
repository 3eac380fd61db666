package dev.roster.compat.entryguard;

import dev.roster.user.User;
import dev.roster.user.UserStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A user as EntryGuard shows it.
 *
 * @param isOrgAdmin whether the user has Roster's admin role
 * @param platformRole always CUSTOMER: every Roster user belongs to a customer organization; Roster has no platform
 *     staff users
 * @param isActive false only for a deactivated user; an invited user is active, as EntryGuard creates them
 * @param roleNames the user's roles other than the built-in admin and user, which isOrgAdmin already says
 */
record EntryGuardUser(
        UUID id,
        String email,
        String name,
        boolean isOrgAdmin,
        String platformRole,
        boolean isActive,
        boolean mfaEnabled,
        Instant lastLoginAt,
        List<String> roleNames,
        Instant createdAt,
        Instant updatedAt) {

    private static final List<String> BUILT_IN_ROLES = List.of("admin", "user");

    static EntryGuardUser of(User user) {
        return new EntryGuardUser(
                user.id().value(),
                user.email(),
                user.displayName(),
                user.roles().contains("admin"),
                "CUSTOMER",
                user.status() != UserStatus.DEACTIVATED,
                user.mfaEnabled(),
                seconds(user.lastLoginAt()),
                user.roles().stream().filter(r -> !BUILT_IN_ROLES.contains(r)).toList(),
                seconds(user.createdAt()),
                seconds(user.updatedAt()));
    }

    /** EntryGuard's timestamps are to the second ({@code 2026-02-18T10:30:00Z}). */
    static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
