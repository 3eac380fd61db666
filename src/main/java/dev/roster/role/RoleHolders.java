package dev.roster.role;

/**
 * Who holds a role in one organization.
 *
 * @param members live members holding it across the organization, in effect (not waiting for an invitation)
 * @param keys live API keys acting with it
 */
public record RoleHolders(long members, long keys) {

    public static final RoleHolders NONE = new RoleHolders(0, 0);
}
