package dev.roster.console;

import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where an audit event's object and actor are in the console: a member's page for a user, a role's page for a role,
 * the key list for a key, and so on, when the signed-in member may open that page; else the log filtered by that
 * object.
 */
final class AuditLinks {

    /** The kinds of object the log records, for the filter; the ones with a page of their own map to it. */
    static final List<String> TARGET_TYPES = List.of(
            "user",
            "invitation",
            "role",
            "environment",
            "group",
            "position",
            "api_key",
            "organization",
            "domain",
            "sso_provider",
            "scim_token",
            "application",
            "signing_key");

    private record Place(String path, boolean withId, Permission needs) {}

    private static final Map<String, Place> PLACES = Map.of(
            "user", new Place("/console/members/", true, Permission.USERS_READ),
            "invitation", new Place("/console/invitations", false, Permission.USERS_READ),
            "role", new Place("/console/roles/", true, Permission.ROLES_READ),
            "environment", new Place("/console/environments/", true, Permission.ENVIRONMENTS_READ),
            "group", new Place("/console/groups/", true, Permission.GROUPS_READ),
            "position", new Place("/console/positions/", true, Permission.GROUPS_READ),
            "api_key", new Place("/console/api-keys", false, Permission.KEYS_MANAGE),
            "organization", new Place("/console/settings", false, Permission.ORGANIZATION_READ),
            "domain", new Place("/console/domains", false, Permission.ORGANIZATION_READ),
            "sso_provider", new Place("/console/sso", false, Permission.ORGANIZATION_READ));

    private static final Map<String, Place> SCIM =
            Map.of("scim_token", new Place("/console/scim-tokens", false, Permission.KEYS_MANAGE));

    private final Caller caller;

    AuditLinks(Caller caller) {
        this.caller = caller;
    }

    /** The page of the object an event changed, or the log of that object alone. */
    String target(String type, String id) {
        Place place = PLACES.containsKey(type) ? PLACES.get(type) : SCIM.get(type);
        if (place == null || !caller.grants().holds(place.needs()) || (place.withId() && !isUuid(id))) {
            return Forms.link("/console/audit", Map.of("target", id));
        }
        return place.withId() ? place.path() + id : place.path();
    }

    /** The page of who acted: a member's page for a user, the key list for a key; null for anyone else. */
    public String actor(String actor) {
        int colon = actor.indexOf(':');
        String kind = colon < 0 ? actor : actor.substring(0, colon);
        String id = colon < 0 ? "" : actor.substring(colon + 1);
        return switch (kind) {
            case "user" -> isUuid(id) && caller.grants().holds(Permission.USERS_READ) ? "/console/members/" + id : null;
            case "api_key" -> caller.grants().holds(Permission.KEYS_MANAGE) ? "/console/api-keys" : null;
            default -> null;
        };
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return text.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
