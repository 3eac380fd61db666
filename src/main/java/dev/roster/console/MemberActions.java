package dev.roster.console;

import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import dev.roster.user.InvitationSummary;
import dev.roster.user.User;
import dev.roster.user.UserStatus;
import java.util.UUID;

/**
 * The buttons a member's page shows: only those the signed-in member's permissions allow and the member's state
 * makes sense of. The services check again on every POST; this only keeps refused actions off the page.
 *
 * @param revokeInvitation the id of the invitation the caller may revoke; null when there is none
 * @param edit whether the caller may change the profile, end sessions and unlink identities (users:write)
 * @param manageRoles whether the caller may give and take roles (roles:manage; the service checks each role)
 * @param resetMfa whether the caller may reset the member's two-factor authentication
 * @param manageGroups whether the caller may change the member's groups, primary group and positions (groups:manage)
 */
record MemberActions(
        boolean deactivate,
        boolean reactivate,
        boolean restore,
        boolean resend,
        UUID revokeInvitation,
        boolean edit,
        boolean manageRoles,
        boolean resetMfa,
        boolean manageGroups) {

    static MemberActions of(Caller caller, User member) {
        boolean live = member.deletedAt() == null;
        boolean writes = live && caller.grants().holds(Permission.USERS_WRITE);
        boolean invites = live && caller.grants().holds(Permission.USERS_INVITE);
        boolean invited = member.status() == UserStatus.INVITED;
        return new MemberActions(
                writes && member.status() != UserStatus.DEACTIVATED,
                writes && member.status() == UserStatus.DEACTIVATED,
                !live && caller.grants().holds(Permission.USERS_WRITE),
                invites && invited && member.allowPasswordAuth(),
                invites && revocable(member.invitation()) ? member.invitation().id() : null,
                writes,
                live && caller.grants().holds(Permission.ROLES_MANAGE),
                writes && member.mfaEnabled(),
                live && caller.grants().holds(Permission.GROUPS_MANAGE));
    }

    /** Whether the status section has any button. */
    public boolean statusActions() {
        return deactivate || reactivate || restore || resend || revokeInvitation != null;
    }

    private static boolean revocable(InvitationSummary invitation) {
        return invitation != null
                && (invitation.status().equals("pending") || invitation.status().equals("expired"));
    }
}
