package dev.roster.scim;

import java.time.Instant;
import java.util.UUID;

/**
 * A new SCIM token: the only answer that shows its secret.
 *
 * @param token the secret, for the directory's "API token" (or the password of HTTP Basic)
 * @param baseUrl the SCIM base URL to paste into the directory beside it
 */
public record CreatedScimToken(
        UUID id, String name, String token, String prefix, Instant expiresAt, Instant createdAt, String baseUrl) {}
