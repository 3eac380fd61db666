package dev.roster.sso;

import dev.roster.shared.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organization's SSO identity provider, as the API shows it (never its client secret). Enabling one lets the
 * organization have SSO-only users ({@code allowPasswordAuth: false}) and sign people in at {@code /sso/start}.
 *
 * @param protocol oidc (saml is refused: see docs/sso.md)
 * @param issuer the OpenID Connect issuer; its discovery document is at {@code <issuer>/.well-known/openid-configuration}
 * @param clientSecretSet whether a client secret is stored; the secret itself is never shown
 * @param scopes the scopes asked for; always includes openid
 * @param groupsClaim the ID token claim that lists the person's groups, for groupRoles; null for none
 * @param jitProvisioning off, invited_only (only users already invited or created sign in) or verified_domains
 *     (anyone with an email at one of the organization's verified domains gets a user on first sign-in)
 * @param defaultRoleId the role a user made on first sign-in gets; null for the built-in user role
 * @param groupRoles roles given to members of IdP groups, re-applied at every sign-in
 * @param linkExistingUsers whether a user who signs in with a password may be linked on its first SSO sign-in
 */
public record SsoProvider(
        UUID id,
        OrganizationId organizationId,
        String name,
        String protocol,
        String issuer,
        String clientId,
        boolean clientSecretSet,
        List<String> scopes,
        String groupsClaim,
        String jitProvisioning,
        UUID defaultRoleId,
        List<GroupRole> groupRoles,
        boolean linkExistingUsers,
        boolean enabled,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    /**
     * Members of an IdP group hold a role across the organization.
     *
     * @param group the group's name or id as the groups claim carries it
     */
    public record GroupRole(String group, UUID roleId) {}
}
