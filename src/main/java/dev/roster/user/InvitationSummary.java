package dev.roster.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The state of a user's invitation, as the user object shows it.
 *
 * @param type link (set a password) or temporary_password
 * @param status pending, accepted, expired or revoked
 * @param delivery queued, sent or failed
 * @param pendingRoles roles that take effect when the invitation is accepted; null when they already have
 */
public record InvitationSummary(
        UUID id, String type, String status, String delivery, Instant expiresAt, List<String> pendingRoles) {}
