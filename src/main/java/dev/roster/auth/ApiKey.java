package dev.roster.auth;

import dev.roster.shared.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * A key as lists show it: never its secret.
 *
 * @param role the name of the role the key acts with
 * @param roleId the id of that role
 * @param prefix the first characters of the secret, to tell keys apart
 * @param organizationId the key's organization; null for partner keys
 */
public record ApiKey(
        UUID id,
        String name,
        String kind,
        String role,
        UUID roleId,
        OrganizationId organizationId,
        String prefix,
        Instant createdAt,
        String createdBy,
        Instant lastUsedAt,
        Instant revokedAt) {}
