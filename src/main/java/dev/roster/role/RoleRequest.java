package dev.roster.role;

import java.util.List;

/**
 * A custom role to create, or the fields of one to change.
 *
 * @param name unique in the organization (case-insensitive); admin and user are taken by the built-in roles
 * @param description up to 500 characters
 * @param permissions names from GET /v1/permissions, each of which the caller must hold itself
 */
public record RoleRequest(String name, String description, List<String> permissions) {}
