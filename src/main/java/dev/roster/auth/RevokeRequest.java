package dev.roster.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A token to revoke, as RFC 7009 names its fields.
 *
 * @param token the refresh token
 * @param tokenTypeHint refresh_token, or nothing; Roster finds the token without it
 */
public record RevokeRequest(
        String token, @JsonProperty("token_type_hint") String tokenTypeHint) {}
