package dev.roster.user;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;

/**
 * Published inside the transaction that creates a user who is to be invited by email.
 *
 * @param type link or temporary_password
 * @param expiresInDays how long the invitation stays valid
 */
public record UserInvitationRequested(
        Caller caller, OrganizationId organizationId, UserId userId, String email, String type, int expiresInDays) {}
