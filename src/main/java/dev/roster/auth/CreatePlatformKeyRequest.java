package dev.roster.auth;

/** @param name who or what uses the key (an operator, a deploy pipeline), shown in lists */
public record CreatePlatformKeyRequest(String name) {}
