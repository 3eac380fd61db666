package dev.roster.auth;

/**
 * The second step of a sign-in whose user has an authenticator.
 *
 * @param challengeToken from the {@code mfa_required} answer of {@code POST /v1/auth/token}
 * @param code the six digits the authenticator shows now
 * @param recoveryCode instead of a code: one of the recovery codes, each usable once
 */
public record SecondFactorRequest(String challengeToken, String code, String recoveryCode) {}
