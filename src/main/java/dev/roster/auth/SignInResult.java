package dev.roster.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Tokens, or a challenge to meet before there are any.
 *
 * @param challenge password_change_required when a temporary password must be replaced first; mfa_required when a
 *     code from the user's authenticator must follow the password
 * @param challengeToken sends the new password to {@code POST /v1/auth/password} (valid 10 minutes), or the code
 *     to {@code POST /v1/auth/mfa} (valid 5 minutes); each works once
 * @param accessToken a JWT for {@code Authorization: Bearer}, valid {@code expiresIn} seconds
 * @param refreshToken exchanges once for new tokens at {@code POST /v1/auth/token}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignInResult(
        String challenge,
        String challengeToken,
        String accessToken,
        String tokenType,
        Integer expiresIn,
        String refreshToken) {

    static SignInResult tokens(String accessToken, int expiresIn, String refreshToken) {
        return new SignInResult(null, null, accessToken, "Bearer", expiresIn, refreshToken);
    }

    static SignInResult mfaRequired(String challengeToken) {
        return new SignInResult("mfa_required", challengeToken, null, null, null, null);
    }

    static SignInResult passwordChangeRequired(String challengeToken) {
        return new SignInResult("password_change_required", challengeToken, null, null, null, null);
    }
}
