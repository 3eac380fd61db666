package dev.roster.directory;

/** @param name unique in the organization, case-insensitively */
public record PositionRequest(String name) {}
