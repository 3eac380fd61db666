package dev.roster.webhook;

import dev.roster.shared.Permission;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The event types an endpoint may subscribe to; {@code *} subscribes to all. An event tells its subscriber what
 * the API would only tell a reader, so subscribing needs the read permission of the event's object type, and
 * audit:read, since every payload carries the change's before and after, its actor and request id, as the audit log
 * does.
 */
final class WebhookEvents {

    /** The permission that reads each object type, by the event type's first part. */
    private static final Map<String, Permission> READ = Map.of(
            "user", Permission.USERS_READ,
            "invitation", Permission.USERS_READ,
            "api_key", Permission.KEYS_MANAGE,
            "organization", Permission.ORGANIZATION_READ,
            "sso_provider", Permission.ORGANIZATION_READ,
            "role", Permission.ROLES_READ,
            "environment", Permission.ENVIRONMENTS_READ,
            "group", Permission.GROUPS_READ,
            "position", Permission.GROUPS_READ);

    static final Set<String> TYPES = Set.of(
            "user.created",
            "user.updated",
            "user.deleted",
            "user.restored",
            "user.deactivated",
            "user.reactivated",
            "user.activated",
            "invitation.sent",
            "invitation.resent",
            "invitation.accepted",
            "invitation.revoked",
            "invitation.expired",
            "api_key.created",
            "api_key.revoked",
            "organization.updated",
            "sso_provider.created",
            "sso_provider.updated",
            "sso_provider.deleted",
            "role.created",
            "role.updated",
            "role.deleted",
            "user.role_assigned",
            "user.role_removed",
            "environment.created",
            "environment.updated",
            "environment.deleted",
            "group.created",
            "group.updated",
            "group.deleted",
            "group.member_added",
            "group.member_removed",
            "position.created",
            "position.updated",
            "position.deleted",
            "user.position_added",
            "user.position_removed");

    private WebhookEvents() {}

    /** What a subscriber to these event types must hold, the object types' read permissions first. */
    static Set<Permission> readPermissions(Collection<String> events) {
        Set<Permission> needed = new LinkedHashSet<>();
        for (String event : events) {
            if ("*".equals(event)) {
                TYPES.stream().sorted().forEach(type -> needed.add(read(type)));
            } else {
                needed.add(read(event));
            }
        }
        needed.add(Permission.AUDIT_READ);
        return needed;
    }

    private static Permission read(String type) {
        Permission permission = READ.get(type.substring(0, type.indexOf('.')));
        if (permission == null) {
            throw new IllegalStateException("No read permission for event type " + type);
        }
        return permission;
    }
}
