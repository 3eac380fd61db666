package dev.roster.directory;

/** @param isPrimary true makes this the member's primary group (the previous primary stops being primary) */
public record MembershipRequest(Boolean isPrimary) {}
