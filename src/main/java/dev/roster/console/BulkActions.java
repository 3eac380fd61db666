package dev.roster.console;

import dev.roster.shared.Caller;
import dev.roster.shared.Permission;

/**
 * The actions the members list offers on the members selected: deactivate and delete a live member, restore a deleted
 * one (users:write), resend a pending invitation (users:invite). Only those the signed-in member may take are shown;
 * each member is still checked by the service.
 */
record BulkActions(boolean deactivate, boolean delete, boolean restore, boolean resend) {

    static BulkActions of(Caller caller, boolean deletedList) {
        boolean writes = caller.grants().holds(Permission.USERS_WRITE);
        boolean invites = caller.grants().holds(Permission.USERS_INVITE);
        return new BulkActions(
                writes && !deletedList, writes && !deletedList, writes && deletedList, invites && !deletedList);
    }

    public boolean any() {
        return deactivate || delete || restore || resend;
    }
}
