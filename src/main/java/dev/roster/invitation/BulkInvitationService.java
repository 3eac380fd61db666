package dev.roster.invitation;

import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.user.CreateUserRequest;
import dev.roster.user.User;
import dev.roster.user.UserPlaced;
import dev.roster.user.UserService;
import dev.roster.user.UserStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Invites several people at once. Each address is a user created and invited in its own transaction, through the
 * same rules as one ({@link UserService#create}): seats, email uniqueness, roles no greater than the caller's. One
 * address failing never undoes another, and each gets its own result.
 */
@Service
public class BulkInvitationService {

    static final int MAX_PEOPLE = 100;

    private final UserService users;
    private final OrganizationService organizations;

    BulkInvitationService(UserService users, OrganizationService organizations) {
        this.users = users;
        this.organizations = organizations;
    }

    /** Invites every address; 400 for a request that names none, more than 100, or the same one twice. */
    public BulkInvitationResult invite(Caller caller, OrganizationId pathId, BulkInvitationRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.USERS_INVITE);
        List<String> emails = request.emails();
        if (emails == null || emails.isEmpty() || emails.size() > MAX_PEOPLE) {
            throw ProblemException.invalid("emails", "must hold 1 to " + MAX_PEOPLE + " addresses");
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < emails.size(); i++) {
            String email = emails.get(i) == null ? "" : emails.get(i).strip();
            if (!distinct.add(email.toLowerCase(Locale.ROOT))) {
                throw ProblemException.invalid("emails[" + i + "]", "is given twice");
            }
        }
        Integer seatsAvailable = organizations.seatsFree(org);
        List<BulkInvitationResult.Entry> results = new ArrayList<>();
        int invited = 0;
        for (String given : emails) {
            String email = given == null ? "" : given.strip();
            CreateUserRequest create = CreateUserRequest.builder(email)
                    .roles(request.roles())
                    .roleAssignments(request.roleAssignments())
                    .invitationType(request.invitationType())
                    .expiresInDays(request.expiresInDays())
                    .groups(groups(request.groupIds()))
                    .build();
            try {
                User user = users.create(caller, pathId, create);
                boolean wasInvited = user.status() == UserStatus.INVITED;
                invited += wasInvited ? 1 : 0;
                results.add(new BulkInvitationResult.Entry(
                        email, wasInvited ? "invited" : "added", user.id().value(), null, null));
            } catch (ProblemException e) {
                if (e.code().equals("permission_required") || e.code().equals("forbidden")) {
                    // What the caller may not do it may do for no one: the request as a whole is refused.
                    throw e;
                }
                results.add(new BulkInvitationResult.Entry(email, status(e), null, e.code(), detail(e)));
            }
        }
        return new BulkInvitationResult(invited, seatsAvailable, results);
    }

    private static List<UserPlaced.GroupPlacement> groups(List<UUID> groupIds) {
        return groupIds == null
                ? null
                : groupIds.stream()
                        .map(id -> new UserPlaced.GroupPlacement(id, false))
                        .toList();
    }

    private static String status(ProblemException e) {
        return switch (e.code()) {
            case "email_taken" -> "already_member";
            case "seat_limit_reached" -> "seats_full";
            default -> "invalid";
        };
    }

    private static String detail(ProblemException e) {
        return e.errors().isEmpty()
                ? e.getMessage()
                : e.errors().get(0).field() + " " + e.errors().get(0).message();
    }
}
