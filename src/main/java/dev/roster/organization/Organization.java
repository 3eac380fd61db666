package dev.roster.organization;

import dev.roster.shared.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * An organization as the API shows it.
 *
 * @param seatLimit the limit in force: the override when set, else the plan's; null means unlimited
 * @param seatLimitOverride an explicit limit that replaces the plan's; null means the plan decides
 * @param seatsUsed users that are not deleted (active, invited and deactivated)
 * @param partnerKeyId the partner key that created this organization and may manage it, if any
 * @param rolesTakeEffect immediately, or on_accept: roles given with an invitation are granted when it is accepted
 * @param mfaRequired whether every user must have an authenticator: one without enrolls at its next sign-in
 * @param displayName the name its login pages show; null for {@code name}
 * @param logoUrl an https image its login pages show; loaded by the browser, never fetched by Roster
 */
public record Organization(
        OrganizationId id,
        String name,
        Plan plan,
        Integer seatLimit,
        Integer seatLimitOverride,
        int seatsUsed,
        UUID partnerKeyId,
        String rolesTakeEffect,
        boolean mfaRequired,
        String displayName,
        String logoUrl,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {}
