package dev.roster.user;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;

/**
 * A live user that may be signing in with an email: what sign-in needs to know, and no more.
 *
 * @param allowPasswordAuth false for an SSO-only user, whom no password signs in
 * @param mfaEnabled whether sign-in asks for a second factor after the password
 */
public record SignInCandidate(
        UserId id,
        OrganizationId organizationId,
        String email,
        String name,
        UserStatus status,
        boolean allowPasswordAuth,
        boolean mfaEnabled) {}
