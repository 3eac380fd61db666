package dev.roster.oidc;

import dev.roster.auth.OidcTokens;
import dev.roster.auth.Secrets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Roster's applications as the authorization server's clients, read from PostgreSQL at each request so that a
 * change or a rotated secret holds at once on every node. A confidential application authenticates with its client
 * secret (HTTP Basic or the form) and may use PKCE; a public one has no secret and must use PKCE with S256.
 * Applications are managed through {@code /v1/applications}, never through this repository.
 */
@Component
class RosterClients implements RegisteredClientRepository {

    /** Codes live a minute: the client exchanges one right after the redirect. */
    static final Duration CODE_TTL = Duration.ofSeconds(60);

    static final Duration REFRESH_TTL = Duration.ofDays(30);

    private final JdbcApplicationRepository applications;
    private final Secrets secrets;
    private final Duration accessTtl;

    RosterClients(JdbcApplicationRepository applications, Secrets secrets, OidcTokens tokens) {
        this.applications = applications;
        this.secrets = secrets;
        this.accessTtl = tokens.accessTokenTtl();
    }

    /**
     * Changes nothing: applications change only through {@code /v1/applications}, under its permission and audit
     * rules. The authorization server saves a client only to re-encode its secret, which {@link #secretMatcher()}
     * never asks for.
     */
    @Override
    public void save(RegisteredClient registeredClient) {}

    @Override
    public RegisteredClient findById(String id) {
        UUID parsed;
        try {
            parsed = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return applications.findLive(parsed).map(this::client).orElse(null);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (clientId == null || !clientId.startsWith(ApplicationService.CLIENT_ID_PREFIX) || clientId.length() > 100) {
            return null;
        }
        return applications.findLiveByClientId(clientId).map(this::client).orElse(null);
    }

    /**
     * Checks a client secret against the stored HMAC (the registered client's "secret" is that HMAC in hex), in
     * constant time.
     */
    PasswordEncoder secretMatcher() {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return HexFormat.of().formatHex(secrets.hash(raw.toString()));
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                if (raw == null || encoded == null || raw.length() > 256) {
                    return false;
                }
                return MessageDigest.isEqual(HexFormat.of().parseHex(encoded), secrets.hash(raw.toString()));
            }
        };
    }

    private RegisteredClient client(Application app) {
        boolean confidential = app.type().equals(Application.CONFIDENTIAL);
        RegisteredClient.Builder client = RegisteredClient.withId(app.id().toString())
                .clientId(app.clientId())
                .clientName(app.name())
                .clientIdIssuedAt(app.createdAt())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .scope("offline_access")
                .redirectUris(uris -> uris.addAll(app.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(app.postLogoutRedirectUris()))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(!confidential)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .authorizationCodeTimeToLive(CODE_TTL)
                        .accessTokenTimeToLive(accessTtl)
                        .refreshTokenTimeToLive(REFRESH_TTL)
                        .reuseRefreshTokens(false)
                        .build());
        Optional<byte[]> secret = confidential ? applications.secretHash(app.id()) : Optional.empty();
        if (confidential && app.clientCredentials() != null) {
            client.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        }
        if (confidential) {
            client.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    // A confidential application whose secret is gone authenticates with nothing.
                    .clientSecret(secret.map(HexFormat.of()::formatHex).orElse("00"));
        } else {
            client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        return client.build();
    }
}
