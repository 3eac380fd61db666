package dev.roster.compat.flatfile;

import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Caller;
import dev.roster.user.User;
import dev.roster.user.UserService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Create and invite as one transaction: Roster's create (the user, its roles and its invitation) and the read of
 * the roles the answer lists. A caller that may create but not read users is refused before anything is kept, so
 * that no user is made, and no invitation sent, for an answer the caller never sees.
 */
@Component
class FlatfileInvitations {

    private final UserService users;
    private final RoleAssignmentService roles;

    FlatfileInvitations(UserService users, RoleAssignmentService roles) {
        this.users = users;
        this.roles = roles;
    }

    @Transactional
    public FlatfileUser invite(Caller caller, FlatfileInviteRequest request) {
        User user = users.create(caller, null, request.roster());
        return FlatfileUser.of(user, roles.assignments(caller, null, user.id()));
    }
}
