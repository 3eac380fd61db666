package dev.roster.oidc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An application with its client secret: the answer of a create and of a secret rotation, the only times the secret
 * is ever shown.
 *
 * @param clientSecret {@code roster_secret_} and 256 random bits; null for public applications
 */
public record CreatedApplication(
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
        ClientCredentials clientCredentials,
        String clientSecret) {

    static CreatedApplication of(Application app, String clientSecret) {
        return new CreatedApplication(
                app.id(),
                app.clientId(),
                app.name(),
                app.type(),
                app.redirectUris(),
                app.postLogoutRedirectUris(),
                app.organizationIds(),
                app.createdAt(),
                app.createdBy(),
                app.updatedAt(),
                app.updatedBy(),
                app.secretRotatedAt(),
                app.clientCredentials(),
                clientSecret);
    }
}
