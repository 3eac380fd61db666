package dev.roster.role;

import dev.roster.shared.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A role as the API shows it.
 *
 * @param builtIn true for admin and user, which belong to every organization and cannot change
 * @param permissions the permission names the role grants, sorted
 */
public record Role(
        UUID id,
        String name,
        String description,
        boolean builtIn,
        List<String> permissions,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    /** The fixed id of the built-in admin role. */
    public static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-000000000001");
    /** The fixed id of the built-in user role. */
    public static final UUID USER = UUID.fromString("00000000-0000-4000-8000-000000000002");

    Set<Permission> grants() {
        return Permission.of(permissions.toArray(String[]::new));
    }
}
