package dev.roster.console;

import dev.roster.organization.Organization;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import dev.roster.user.UserQuery;
import dev.roster.user.UserService;

/**
 * The organization's seats as the members and invite pages show them: "12 of 25 seats, 3 held by pending
 * invitations". Every user that is not deleted holds a seat (active, invited and deactivated alike).
 *
 * @param limit the plan's seats; null when the plan has no limit
 * @param pending the seats held by members who have not accepted their invitation yet
 */
record Seats(int used, Integer limit, long pending) {

    /** The seats, for a member who may read the organization; null for any other. */
    static Seats of(Caller caller, OrganizationService organizations, UserService users) {
        if (!caller.grants().holds(Permission.ORGANIZATION_READ)
                || !caller.grants().holds(Permission.USERS_READ)) {
            return null;
        }
        Organization organization = organizations.get(caller, null);
        long invited = users.count(caller, null, new UserQuery("invited", null, null, null, null, null));
        return new Seats(organization.seatsUsed(), organization.seatLimit(), invited);
    }

    public boolean full() {
        return limit != null && used >= limit;
    }

    public boolean limited() {
        return limit != null;
    }

    /** "12 of 25 seats used, 3 held by pending invitations", or "12 seats used (no limit)". */
    public String text() {
        String taken =
                limit == null ? used + " seats used (the plan has no limit)" : used + " of " + limit + " seats used";
        return taken + ", " + pending
                + (pending == 1 ? " held by a pending invitation" : " held by pending invitations");
    }
}
