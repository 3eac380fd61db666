package dev.roster.user;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fields a PATCH may change; a field left out stays as it is, and null clears an optional one. The rules are
 * those of {@link CreateUserRequest}.
 */
public record UpdateUserRequest(
        String email,
        String firstName,
        String lastName,
        String name,
        String mobilePhone,
        List<String> roles,
        Boolean isOrgAdmin,
        List<UUID> roleIds,
        Boolean allowPasswordAuth,
        Map<String, Object> metadata,
        String externalId,
        UUID managerId) {}
