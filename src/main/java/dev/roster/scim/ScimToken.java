package dev.roster.scim;

import java.time.Instant;
import java.util.UUID;

/**
 * A SCIM token as lists show it: never its secret.
 *
 * @param prefix the first characters of the secret, to tell tokens apart
 * @param expiresAt when it stops working; null for never
 * @param lastUsedAt when a directory last used it, to the minute
 */
public record ScimToken(
        UUID id,
        UUID organizationId,
        String name,
        String prefix,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant createdAt,
        String createdBy) {}
