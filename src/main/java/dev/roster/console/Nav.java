package dev.roster.console;

import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the console's navigation offers the signed-in member: only the pages its permissions let it read.
 *
 * @param members whether the member may list the organization's members (and their invitations)
 * @param self the member's own id, for the link to its own page; null for an operator
 * @param invite whether the member may invite people
 * @param imports whether the member may import people from a CSV file (users:write and users:invite)
 * @param path the path of the page shown, to mark its link as the current page
 * @param links the further pages the member (or the operator) may open, in the navigation's order
 * @param operator whether this is the platform operator's or a partner's session rather than a member's
 */
record Nav(
        boolean members, UUID self, boolean invite, boolean imports, String path, List<Link> links, boolean operator) {

    /** A page of the navigation, shown when its permission holds. */
    record Link(String href, String label) {}

    /** The organization's pages beyond members and invitations, each with the permission that reads it. */
    private static final List<Page> PAGES = List.of(
            new Page("/console/roles", "Roles", Permission.ROLES_READ),
            new Page("/console/environments", "Environments", Permission.ENVIRONMENTS_READ),
            new Page("/console/groups", "Groups", Permission.GROUPS_READ),
            new Page("/console/positions", "Positions", Permission.GROUPS_READ),
            new Page("/console/api-keys", "API keys", Permission.KEYS_MANAGE),
            new Page("/console/webhooks", "Webhooks", Permission.WEBHOOKS_MANAGE),
            new Page("/console/audit", "Audit log", Permission.AUDIT_READ),
            new Page("/console/settings", "Settings", Permission.ORGANIZATION_READ));

    private record Page(String href, String label, Permission needs) {}

    static Nav of(Caller caller, String path) {
        if (!caller.inOneOrganization()) {
            return operator(caller, path);
        }
        List<Link> links = new ArrayList<>();
        for (Page page : PAGES) {
            if (caller.grants().holds(page.needs())) {
                links.add(new Link(page.href(), page.label()));
            }
        }
        return new Nav(
                caller.grants().holds(Permission.USERS_READ),
                caller.keyId(),
                caller.grants().holds(Permission.USERS_INVITE),
                ConsoleImportsController.allowed(caller),
                path,
                List.copyOf(links),
                false);
    }

    /** The operator's pages: organizations for platform and partner keys, and the keys for the platform alone. */
    private static Nav operator(Caller caller, String path) {
        List<Link> links = new ArrayList<>(List.of(new Link("/console/operator/organizations", "Organizations")));
        if (caller.isPlatform()) {
            links.add(new Link("/console/operator/partner-keys", "Partner keys"));
            links.add(new Link("/console/operator/platform-keys", "Platform keys"));
        }
        return new Nav(false, null, false, false, path, List.copyOf(links), true);
    }

    /** Whether the page shown is this link's. */
    public boolean at(String link) {
        return link.equals(path);
    }
}
