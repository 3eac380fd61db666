package dev.roster.login;

/**
 * Sets a new password with the token from a reset email.
 *
 * @param token the {@code roster_reset_…} token from the link
 * @param newPassword 12 to 256 characters
 */
public record PasswordResetConfirmation(String token, String newPassword) {}
