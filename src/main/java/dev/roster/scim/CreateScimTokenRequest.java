package dev.roster.scim;

/**
 * @param name what the token is for, such as "Okta"
 * @param expiresInDays 1 to 730 days; never expires when omitted
 */
record CreateScimTokenRequest(String name, Integer expiresInDays) {}
