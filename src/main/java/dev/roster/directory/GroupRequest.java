package dev.roster.directory;

/**
 * @param name unique in the organization, case-insensitively
 * @param type a free label such as Department or Organization
 */
public record GroupRequest(String name, String type) {}
