package dev.roster.console;

import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import java.util.UUID;

/**
 * What the console's navigation offers the signed-in member: only the pages its permissions let it read.
 *
 * @param members whether the member may list the organization's members (and their invitations)
 * @param self the member's own id, for the link to its own page
 * @param invite whether the member may invite people
 * @param path the path of the page shown, to mark its link as the current page
 */
record Nav(boolean members, UUID self, boolean invite, String path) {

    static Nav of(Caller caller, String path) {
        return new Nav(
                caller.grants().holds(Permission.USERS_READ),
                caller.keyId(),
                caller.grants().holds(Permission.USERS_INVITE),
                path);
    }

    /** Whether the page shown is this link's. */
    public boolean at(String link) {
        return link.equals(path);
    }
}
