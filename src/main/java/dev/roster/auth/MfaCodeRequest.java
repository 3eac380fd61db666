package dev.roster.auth;

/** A code from the authenticator being enrolled, to prove it works. */
public record MfaCodeRequest(String code) {}
