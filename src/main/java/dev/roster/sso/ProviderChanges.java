package dev.roster.sso;

import dev.roster.shared.Changes;
import java.util.List;

/** What an SSO provider change audits: every setting before and after, and only whether the secret changed. */
final class ProviderChanges {

    private ProviderChanges() {}

    /** The changes from {@code before} (null for a new provider) to {@code after}. */
    static Changes between(SsoProvider before, SsoProvider after, boolean secretChanged) {
        Changes changes = new Changes()
                .diff("name", before == null ? null : before.name(), after.name())
                .diff("protocol", before == null ? null : before.protocol(), after.protocol())
                .diff("issuer", before == null ? null : before.issuer(), after.issuer())
                .diff("clientId", before == null ? null : before.clientId(), after.clientId())
                .diff("scopes", before == null ? null : before.scopes(), after.scopes())
                .diff("groupsClaim", before == null ? null : before.groupsClaim(), after.groupsClaim())
                .diff("jitProvisioning", before == null ? null : before.jitProvisioning(), after.jitProvisioning())
                .diff("defaultRoleId", before == null ? null : before.defaultRoleId(), after.defaultRoleId())
                .diff("groupRoles", before == null ? null : text(before.groupRoles()), text(after.groupRoles()))
                .diff(
                        "linkExistingUsers",
                        before == null ? null : before.linkExistingUsers(),
                        after.linkExistingUsers())
                .diff("enabled", before == null ? null : before.enabled(), after.enabled());
        if (secretChanged) {
            changes.diff(
                    "clientSecret", before == null ? null : "(previous)", after.clientSecretSet() ? "(new)" : null);
        }
        return changes;
    }

    private static List<String> text(List<SsoProvider.GroupRole> groupRoles) {
        return groupRoles.stream().map(g -> g.group() + " -> " + g.roleId()).toList();
    }
}
