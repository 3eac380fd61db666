package dev.roster.console;

import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The permission catalog ({@link Permission}, as {@code GET /v1/permissions} lists it) grouped by area for a role's
 * checkboxes: each permission with whether the role grants it and whether the signed-in member holds it (one can
 * give only what one holds; the service says so when asked for more).
 */
record PermissionArea(String label, List<Choice> choices) {

    /**
     * @param checked whether the role grants it (or the form being shown again asked for it)
     * @param held whether the signed-in member holds it itself
     */
    record Choice(String code, String description, boolean checked, boolean held) {}

    private static final Map<String, String> LABELS = Map.of(
            "organization", "Organization",
            "users", "Members",
            "roles", "Roles",
            "environments", "Environments",
            "groups", "Groups and positions",
            "keys", "API keys",
            "webhooks", "Webhooks",
            "audit", "Audit log");

    /** Every area in the catalog's order, with these permissions checked. */
    static List<PermissionArea> of(Caller caller, Collection<String> checked) {
        Map<String, List<Choice>> areas = new LinkedHashMap<>();
        for (Permission permission : Permission.values()) {
            String area = permission.code().substring(0, permission.code().indexOf(':'));
            areas.computeIfAbsent(area, key -> new ArrayList<>())
                    .add(new Choice(
                            permission.code(),
                            permission.description(),
                            checked.contains(permission.code()),
                            caller.grants().holds(permission)));
        }
        List<PermissionArea> result = new ArrayList<>();
        areas.forEach((area, choices) -> result.add(new PermissionArea(LABELS.getOrDefault(area, area), choices)));
        return result;
    }
}
