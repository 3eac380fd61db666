package dev.roster.shared;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The permissions a credential holds: some across its whole organization, some only on one resource (an
 * environment), from roles assigned there.
 *
 * @param organizationWide permissions that hold everywhere in the organization
 * @param byResource permissions that hold only on the resource with that id
 */
public record Grants(Set<Permission> organizationWide, Map<UUID, Set<Permission>> byResource) {

    public static final Grants ALL = new Grants(Permission.all(), Map.of());
    public static final Grants NONE = new Grants(Set.of(), Map.of());

    public Grants {
        organizationWide = organizationWide.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(organizationWide));
        byResource = Map.copyOf(byResource);
    }

    /** Whether the permission holds across the organization. */
    public boolean holds(Permission permission) {
        return organizationWide.contains(permission);
    }

    /** Whether the permission holds on the resource (null: across the organization). */
    public boolean holds(Permission permission, UUID resource) {
        return holds(permission)
                || (resource != null
                        && byResource.getOrDefault(resource, Set.of()).contains(permission));
    }

    /** Whether every one of the permissions holds on the resource (null: across the organization). */
    public boolean holdsAll(Collection<Permission> permissions, UUID resource) {
        return permissions.stream().allMatch(permission -> holds(permission, resource));
    }

    /** The resources on which the permission holds through a scoped role alone. */
    public Set<UUID> resourcesWith(Permission permission) {
        return byResource.entrySet().stream()
                .filter(entry -> entry.getValue().contains(permission))
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
