package dev.roster.sso;

import dev.roster.shared.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * An organization's SSO identity provider. Enabling one lets the organization have SSO-only users
 * ({@code allowPasswordAuth: false}).
 *
 * @param protocol oidc or saml
 * @param issuer the provider's issuer (OIDC) or entity id (SAML)
 */
public record SsoProvider(
        UUID id,
        OrganizationId organizationId,
        String name,
        String protocol,
        String issuer,
        String clientId,
        boolean enabled,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {}
