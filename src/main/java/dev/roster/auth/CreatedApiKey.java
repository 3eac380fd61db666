package dev.roster.auth;

import dev.roster.shared.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * A key just created, with its secret: the only time the secret is ever shown.
 *
 * @param key the secret to send as {@code Authorization: Bearer <key>}
 */
public record CreatedApiKey(
        UUID id,
        String name,
        String kind,
        String role,
        UUID roleId,
        OrganizationId organizationId,
        String prefix,
        Instant createdAt,
        String key) {

    static CreatedApiKey of(ApiKey key, String secret) {
        return new CreatedApiKey(
                key.id(),
                key.name(),
                key.kind(),
                key.role(),
                key.roleId(),
                key.organizationId(),
                key.prefix(),
                key.createdAt(),
                secret);
    }
}
