package dev.roster.auth;

import dev.roster.shared.OrganizationId;

/**
 * Whether an organization makes a user sign in through SSO alone because of the user's email domain (a verified
 * domain with ssoRequired). The SSO feature answers it; password sign-in asks through this interface so that auth
 * does not depend on SSO.
 */
public interface SsoRequirement {

    /** Whether the email's domain is one of the organization's verified domains that require SSO. */
    boolean requiresSso(OrganizationId organization, String email);
}
