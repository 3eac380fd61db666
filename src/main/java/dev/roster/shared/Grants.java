package dev.roster.shared;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The permissions a credential holds: some across its whole organization, some only on one resource (an
 * environment), from roles assigned there.
 *
 * @param organizationWide permissions that hold everywhere in the organization
 * @param byResource permissions that hold only on the resource with that id
 */
public record Grants(Set<Permission> organizationWide, Map<UUID, Set<Permission>> byResource) {

    public static final Grants ALL = new Grants(Permission.all(), Map.of());

    public Grants {
        organizationWide = Set.copyOf(organizationWide);
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

    /** The resources on which the permission holds through a scoped role alone. */
    public Set<UUID> resourcesWith(Permission permission) {
        return byResource.entrySet().stream()
                .filter(entry -> entry.getValue().contains(permission))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }
}
