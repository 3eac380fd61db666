package dev.roster.auth;

/**
 * What a sign-in ends with: tokens for an API client, or a browser session for Roster's pages. A challenge made on
 * one path is refused on the other, so a page's challenge never yields tokens, nor an API's a session.
 */
public enum Delivery {
    TOKENS,
    SESSION
}
