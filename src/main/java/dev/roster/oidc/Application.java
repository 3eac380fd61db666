package dev.roster.oidc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An application as lists show it: never its client secret.
 *
 * @param clientId the public identifier the application sends as {@code client_id}
 * @param type {@code confidential} (authenticates with a client secret) or {@code public} (PKCE only)
 * @param redirectUris where authorization answers may go, compared as exact strings
 * @param postLogoutRedirectUris where a sign-out may return to, compared as exact strings
 * @param organizationIds the organizations whose users may sign in; null for every organization the application's
 *     owner reaches (all of them for an application the platform made, those it created for a partner's)
 * @param secretRotatedAt when the current client secret was made; null for public applications
 * @param clientCredentials the organization and role the application acts with on its own ({@code
 *     client_credentials}); null when it may not
 */
public record Application(
        UUID id,
        String clientId,
        String name,
        String type,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        List<UUID> organizationIds,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant secretRotatedAt,
        ClientCredentials clientCredentials) {

    public static final String CONFIDENTIAL = "confidential";
    public static final String PUBLIC = "public";
}
