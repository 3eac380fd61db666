package dev.roster.user;

/**
 * What a create or an update of a user needs of the role feature, which implements it (the role feature knows users;
 * users do not know roles). Each method runs in the caller's transaction and writes nothing before its checks pass.
 */
public interface UserRoles {

    /**
     * Resolves the roles a user is to be created with and checks that the caller may grant them, before the user
     * exists: the names go on the user's row as it is inserted. Writes nothing.
     */
    NewUserRoles resolve(UserRolesRequested request);

    /** Assigns to the user, now inserted, the roles {@link #resolve} gave. */
    void assign(NewUserRoles roles);

    /**
     * Makes the roles an existing user holds across the organization exactly these (an update), checking that the
     * caller may grant each it does not hold yet and take away each it loses; environment-scoped roles stay.
     */
    void replace(UserRolesRequested request);
}
