package dev.roster.invitation;

/** @param expiresInDays how long the renewed invitation lasts, 1 to 30 days; 7 when omitted */
public record ResendInvitationRequest(Integer expiresInDays) {}
