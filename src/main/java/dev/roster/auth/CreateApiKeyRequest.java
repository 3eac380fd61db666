package dev.roster.auth;

/**
 * @param name what the key is for, shown in lists
 * @param role admin (may change users and keys) or user (read only); admin when omitted
 */
public record CreateApiKeyRequest(String name, String role) {}
