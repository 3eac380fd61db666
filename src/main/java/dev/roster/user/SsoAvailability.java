package dev.roster.user;

import dev.roster.shared.OrganizationId;

/**
 * Whether an organization can sign SSO-only users in, and whether an email must sign in through SSO. The SSO feature
 * answers it; the user feature asks through this
 * interface so that it does not depend on SSO (which depends on users).
 */
public interface SsoAvailability {

    /** Whether at least one of the organization's SSO providers is enabled. */
    boolean hasEnabledProvider(OrganizationId organization);

    /**
     * Whether the email's domain is one of the organization's verified domains that require SSO: such a user is never
     * sent a password invitation.
     */
    boolean requiresSso(OrganizationId organization, String email);
}
