package dev.roster.console;

import dev.roster.shared.Patch;
import dev.roster.sso.SsoProvider;
import dev.roster.sso.SsoProviderRequest;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The SSO provider form as typed: every field text (or a checkbox), so a refused form shows again what was typed.
 * The client secret is write-only: the form never carries the stored one, and a blank one on a change keeps it.
 *
 * @param scopes separated by spaces or commas; blank for the default (openid email profile)
 * @param defaultRoleId a role's id, or blank for the built-in user role
 */
record ProviderForm(
        String name,
        String issuer,
        String clientId,
        String clientSecret,
        String scopes,
        String groupsClaim,
        String jitProvisioning,
        String defaultRoleId,
        Boolean linkExistingUsers,
        Boolean enabled) {

    /** The fields a change always sends; the secret only when one is typed. */
    private static final List<String> CHANGED = List.of(
            "name",
            "issuer",
            "clientId",
            "scopes",
            "groupsClaim",
            "jitProvisioning",
            "defaultRoleId",
            "linkExistingUsers",
            "enabled");

    static ProviderForm blank() {
        return new ProviderForm(null, null, null, null, null, null, "off", null, false, true);
    }

    /** The provider's settings as its edit form shows them, without any secret. */
    static ProviderForm of(SsoProvider provider) {
        return new ProviderForm(
                provider.name(),
                provider.issuer(),
                provider.clientId(),
                null,
                String.join(" ", provider.scopes()),
                provider.groupsClaim(),
                provider.jitProvisioning(),
                provider.defaultRoleId() == null
                        ? null
                        : provider.defaultRoleId().toString(),
                provider.linkExistingUsers(),
                provider.enabled());
    }

    /** The request a create sends; group roles are left to the API. */
    SsoProviderRequest request() {
        return new SsoProviderRequest(
                name,
                "oidc",
                issuer,
                Forms.blankToNull(clientId),
                Forms.blankToNull(clientSecret),
                scopeList(),
                Forms.blankToNull(groupsClaim),
                jitProvisioning,
                Forms.id("defaultRoleId", defaultRoleId),
                null,
                Boolean.TRUE.equals(linkExistingUsers),
                Boolean.TRUE.equals(enabled));
    }

    /** The change a save sends: every field of the form, and the secret only when one was typed. */
    Patch<SsoProviderRequest> patch() {
        Set<String> present = new LinkedHashSet<>(CHANGED);
        if (Forms.blankToNull(clientSecret) != null) {
            present.add("clientSecret");
        }
        return new Patch<>(request(), present);
    }

    private List<String> scopeList() {
        String text = Forms.blankToNull(scopes);
        return text == null
                ? null
                : Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }
}
