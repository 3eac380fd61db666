package dev.roster.login;

/** Asks for a password-reset email. */
public record PasswordResetRequest(String email) {}
