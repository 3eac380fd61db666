package dev.roster.auth;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;

/**
 * Published inside the transaction in which a user replaced a temporary password: the first sign-in of a user
 * invited with one, which accepts the invitation.
 */
public record PasswordChanged(OrganizationId organizationId, UserId userId) {}
