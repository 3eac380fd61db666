package dev.roster.role;

/** @param name unique in the organization (case-insensitive), up to 100 characters */
public record EnvironmentRequest(String name) {}
