package dev.roster.auth;

import java.util.UUID;

/**
 * @param name what the key is for, shown in lists
 * @param role the name of the role the key acts with: admin, user or a custom role; admin when neither this nor
 *     roleId is given. The caller must hold every permission of the role
 * @param roleId the same by id; give one of the two
 */
public record CreateApiKeyRequest(String name, String role, UUID roleId) {}
