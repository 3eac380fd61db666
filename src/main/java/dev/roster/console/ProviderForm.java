package dev.roster.console;

import dev.roster.shared.Patch;
import dev.roster.sso.SsoProvider;
import dev.roster.sso.SsoProviderRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The SSO provider form as typed: every field text (or a checkbox), so a refused form shows again what was typed.
 * The client secret is write-only: the form never carries the stored one, and a blank one on a change keeps it.
 *
 * @param scopes separated by spaces or commas; blank for the default (openid email profile)
 * @param defaultRoleId a role's id, or blank for the built-in user role
 * @param groupRoles the group-to-role rows as typed: the provider's own, then {@value #NEW_ROWS} empty ones; a row
 *     both blank or marked to remove is left out, so null (a form without rows) keeps the provider's mappings
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
        Boolean enabled,
        List<GroupRoleRow> groupRoles) {

    /** The empty rows offered after the mappings, to add as many at once without JavaScript. */
    static final int NEW_ROWS = 3;

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
        return new ProviderForm(null, null, null, null, null, null, "off", null, false, true, List.of());
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
                provider.enabled(),
                provider.groupRoles().stream()
                        .map(g -> new GroupRoleRow(g.group(), g.roleId().toString(), null))
                        .toList());
    }

    /**
     * The rows the form shows: the mappings kept (so the service's {@code groupRoles[i]} errors name row i), then
     * {@value #NEW_ROWS} empty ones.
     */
    public List<GroupRoleRow> rows() {
        List<GroupRoleRow> rows = new ArrayList<>(kept());
        IntStream.range(0, NEW_ROWS).forEach(i -> rows.add(new GroupRoleRow(null, null, null)));
        return rows;
    }

    /** The request a create sends. */
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
                groupRoles == null ? null : mappings(),
                Boolean.TRUE.equals(linkExistingUsers),
                Boolean.TRUE.equals(enabled));
    }

    /** The change a save sends: every field of the form, and the secret only when one was typed. */
    Patch<SsoProviderRequest> patch() {
        Set<String> present = new LinkedHashSet<>(CHANGED);
        if (Forms.blankToNull(clientSecret) != null) {
            present.add("clientSecret");
        }
        if (groupRoles != null) {
            present.add("groupRoles");
        }
        return new Patch<>(request(), present);
    }

    private List<String> scopeList() {
        String text = Forms.blankToNull(scopes);
        return text == null
                ? null
                : Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    private List<GroupRoleRow> kept() {
        return groupRoles == null
                ? List.of()
                : groupRoles.stream().filter(GroupRoleRow::kept).toList();
    }

    private List<SsoProvider.GroupRole> mappings() {
        List<GroupRoleRow> kept = kept();
        return IntStream.range(0, kept.size())
                .mapToObj(i -> new SsoProvider.GroupRole(
                        kept.get(i).group(),
                        Forms.id("groupRoles[" + i + "].roleId", kept.get(i).roleId())))
                .toList();
    }

    /**
     * One group-to-role row as typed.
     *
     * @param group a value of the ID token's groups claim
     * @param roleId a role's id
     * @param remove true when the row's Remove box is checked
     */
    record GroupRoleRow(String group, String roleId, Boolean remove) {

        private boolean kept() {
            return !Boolean.TRUE.equals(remove)
                    && (Forms.blankToNull(group) != null || Forms.blankToNull(roleId) != null);
        }
    }
}
