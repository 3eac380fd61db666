package dev.roster.invitation;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An invitation as the API shows it (never its token).
 *
 * @param type link or temporary_password
 * @param status pending, accepted, expired or revoked
 * @param delivery queued, sent or failed
 * @param sendCount how many times it was sent (resends included)
 * @param pendingRoles names of roles that take effect on acceptance; null when none wait for it
 */
public record Invitation(
        UUID id,
        OrganizationId organizationId,
        UserId userId,
        String email,
        String type,
        String status,
        String delivery,
        Instant expiresAt,
        int sendCount,
        List<String> pendingRoles,
        Instant createdAt,
        String createdBy,
        Instant acceptedAt,
        Instant revokedAt) {

    boolean pending() {
        return status.equals("pending");
    }
}
