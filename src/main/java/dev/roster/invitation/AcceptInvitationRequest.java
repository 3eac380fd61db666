package dev.roster.invitation;

/**
 * @param password the new password, 12 to 256 characters
 * @param firstName used only when the user has none yet
 * @param lastName used only when the user has none yet
 */
public record AcceptInvitationRequest(String password, String firstName, String lastName) {}
