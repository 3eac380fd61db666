package dev.roster.user;

import dev.roster.shared.OrganizationId;

/**
 * Whether an organization can sign SSO-only users in. The SSO feature answers it; the user feature asks through this
 * interface so that it does not depend on SSO (which depends on users).
 */
public interface SsoAvailability {

    /** Whether at least one of the organization's SSO providers is enabled. */
    boolean hasEnabledProvider(OrganizationId organization);
}
