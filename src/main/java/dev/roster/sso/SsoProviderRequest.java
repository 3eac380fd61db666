package dev.roster.sso;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * The writable fields of an SSO provider; on PATCH, absent fields stay as they are.
 *
 * @param protocol oidc; saml is refused with 400 saml_not_supported
 * @param issuer the issuer URL: https (plain http only on loopback, when {@code roster.sso.allow-private-issuers})
 * @param clientId the client id the provider gave Roster; sign-in needs it
 * @param clientSecret the client secret; stored encrypted, never shown again. Omit it for a public client
 * @param scopes defaults to openid, email and profile; must include openid
 * @param groupsClaim the ID token claim that lists groups, such as groups
 * @param jitProvisioning off (the default), invited_only or verified_domains
 * @param defaultRoleId the role for users made on first sign-in
 * @param groupRoles roles for members of IdP groups, re-applied at every sign-in
 * @param linkExistingUsers false by default: a password user with the same email is not linked
 * @param enabled true when omitted on create
 */
public record SsoProviderRequest(
        @Schema(maxLength = 200) String name,
        @Schema(maxLength = 10) String protocol,
        @Schema(maxLength = 2000) String issuer,
        @Schema(maxLength = 500) String clientId,

        @Schema(maxLength = 2000, accessMode = Schema.AccessMode.WRITE_ONLY)
        String clientSecret,

        @ArraySchema(maxItems = 20, schema = @Schema(maxLength = 100))
        List<String> scopes,

        @Schema(maxLength = 100) String groupsClaim,

        @Schema(
                maxLength = 20,
                allowableValues = {"off", "invited_only", "verified_domains"})
        String jitProvisioning,

        UUID defaultRoleId,
        @ArraySchema(maxItems = 100) List<SsoProvider.GroupRole> groupRoles,
        Boolean linkExistingUsers,
        Boolean enabled) {}
