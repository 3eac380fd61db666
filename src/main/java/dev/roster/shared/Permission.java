package dev.roster.shared;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fixed catalog of what a credential may do. Every endpoint names the permission it needs; roles are sets of
 * these. The built-in admin role holds all of them (a migration adds each new one to it).
 */
public enum Permission {
    ORGANIZATION_READ("organization:read", "Read the organization, its plan and its SSO providers."),
    ORGANIZATION_MANAGE("organization:manage", "Add, change and remove the organization's SSO providers."),
    USERS_READ("users:read", "List and read users, their invitations, roles and positions."),
    USERS_WRITE("users:write", "Create, change, deactivate, reactivate, delete and restore users."),
    USERS_INVITE("users:invite", "Send, resend and revoke invitations (creating an invited user needs it too)."),
    ROLES_READ("roles:read", "List and read roles."),
    ROLES_MANAGE("roles:manage", "Create, change and delete custom roles; assign roles to users and remove them."),
    ENVIRONMENTS_READ("environments:read", "List and read environments."),
    ENVIRONMENTS_MANAGE("environments:manage", "Create, rename and delete environments."),
    GROUPS_READ("groups:read", "List and read groups, their members and positions."),
    GROUPS_MANAGE("groups:manage", "Create, change and delete groups and positions; place users in them."),
    KEYS_MANAGE("keys:manage", "Create, list and revoke the organization's API keys."),
    WEBHOOKS_MANAGE("webhooks:manage", "Manage webhook endpoints and their deliveries."),
    AUDIT_READ("audit:read", "Read the audit log.");

    private static final Map<String, Permission> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Permission::code, Function.identity()));

    private final String code;
    private final String description;

    Permission(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The name the API uses, such as {@code users:write}. */
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return code;
    }

    /** Reads permission names given by a caller; an unknown one is 400 naming the field. */
    public static Set<Permission> parse(String field, Collection<String> codes) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String code : codes) {
            Permission permission = code == null ? null : BY_CODE.get(code);
            if (permission == null) {
                throw ProblemException.invalid(field, "unknown permission " + code + "; see GET /v1/permissions");
            }
            permissions.add(permission);
        }
        return permissions;
    }

    /** Reads permission names kept by Roster itself (in the database), where all are known. */
    public static Set<Permission> of(String... codes) {
        return parse("permissions", Arrays.asList(codes));
    }

    public static Set<Permission> all() {
        return EnumSet.allOf(Permission.class);
    }
}
