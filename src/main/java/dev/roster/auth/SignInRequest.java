package dev.roster.auth;

import java.util.UUID;

/**
 * A request for tokens.
 *
 * @param grantType password (the default) or refresh_token
 * @param organizationId needed only when the email belongs to users of several organizations
 * @param refreshToken for grantType refresh_token
 */
public record SignInRequest(
        String grantType, String email, String password, UUID organizationId, String refreshToken) {}
