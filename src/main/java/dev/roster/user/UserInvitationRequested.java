package dev.roster.user;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import java.util.List;

/**
 * Published inside the transaction that creates a user who is to be invited by email.
 *
 * @param type link or temporary_password
 * @param expiresInDays how long the invitation stays valid
 * @param pendingRoles roles to grant on acceptance; null when they were granted at creation
 */
public record UserInvitationRequested(
        Caller caller,
        OrganizationId organizationId,
        UserId userId,
        String email,
        String type,
        int expiresInDays,
        List<String> pendingRoles) {}
