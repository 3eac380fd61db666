package dev.roster.user;

import java.util.List;
import java.util.UUID;

/**
 * The roles a new user is to hold, as the role feature resolved and allowed them ({@link UserRoles#resolve}).
 *
 * @param grants each role once per place, with its environment (null for the whole organization)
 */
public record NewUserRoles(UserRolesRequested request, List<Grant> grants) {

    public NewUserRoles {
        grants = List.copyOf(grants);
    }

    /** One role to assign: its id and name, and where it applies. */
    public record Grant(UUID roleId, String roleName, UUID resourceId) {}

    /** The names of the roles held across the organization, as the user's row carries them: each once. */
    List<String> organizationWide() {
        return grants.stream()
                .filter(g -> g.resourceId() == null)
                .map(Grant::roleName)
                .distinct()
                .toList();
    }
}
