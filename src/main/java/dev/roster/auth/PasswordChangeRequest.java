package dev.roster.auth;

/**
 * Replaces a password: after a {@code password_change_required} challenge (with its challengeToken), or as a
 * signed-in user (with a JWT and the current password).
 */
public record PasswordChangeRequest(String challengeToken, String currentPassword, String newPassword) {}
