package dev.roster.user;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;

/**
 * Published inside the transaction that set a user's allowPasswordAuth to false: from now on it signs in only
 * through SSO, so its password, its password invitation and its refresh tokens end.
 */
public record UserMadeSsoOnly(OrganizationId organizationId, UserId userId, String actor) {}
