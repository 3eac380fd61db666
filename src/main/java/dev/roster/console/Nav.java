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
 */
record Nav(boolean members, UUID self, boolean invite) {

    static Nav of(Caller caller) {
        return new Nav(
                caller.grants().holds(Permission.USERS_READ),
                caller.keyId(),
                caller.grants().holds(Permission.USERS_INVITE));
    }
}
