package dev.roster.user;

import dev.roster.shared.Patch;
import dev.roster.shared.ProblemException;
import dev.roster.shared.Text;
import dev.roster.shared.UserId;
import dev.roster.user.UserRolesRequested.RoleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Checks a create or update request field by field and turns it into a {@link UserDraft}. */
@Component
class UserRules {

    /** The most entries of each list a create or update may give (roles, groups, positions), checked before any query. */
    static final int MAX_ENTRIES = 50;

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final int MAX_METADATA_KEYS = 50;
    private static final int MAX_METADATA_BYTES = 8 * 1024;

    private final JsonMapper json;

    UserRules(JsonMapper json) {
        this.json = json;
    }

    UserDraft draft(CreateUserRequest request) {
        return new UserDraft(
                Email.parse("email", request.email()),
                Text.optional("firstName", request.firstName(), 100),
                Text.optional("lastName", request.lastName(), 100),
                Text.optional("name", request.name(), 200),
                phone(request.mobilePhone()),
                request.allowPasswordAuth() == null || request.allowPasswordAuth(),
                request.sendInvitation() == null || request.sendInvitation(),
                metadata(request.metadata()),
                Text.optional("externalId", request.externalId(), 255),
                request.managerId() == null ? null : new UserId(request.managerId()));
    }

    /**
     * The roles a create asks for: those named by roles, roleIds, isOrgAdmin and roleAssignments, or the built-in
     * user role when none of them is given.
     */
    static List<RoleRef> roles(CreateUserRequest request) {
        List<RoleRef> roles = new ArrayList<>();
        List<RoleRef> organizationWide = organizationWide(request.roles(), request.roleIds(), request.isOrgAdmin());
        if (organizationWide != null) {
            roles.addAll(organizationWide);
        }
        if (request.roleAssignments() != null) {
            checkEntries("roleAssignments", request.roleAssignments());
            for (int i = 0; i < request.roleAssignments().size(); i++) {
                RoleAssignmentRequest given = request.roleAssignments().get(i);
                String field = "roleAssignments[" + i + "]";
                if (given == null || given.roleId() == null) {
                    throw ProblemException.invalid(field + ".roleId", "must not be null");
                }
                roles.add(new RoleRef(
                        field + ".roleId", null, given.roleId(), field + ".resourceId", given.resourceId()));
            }
        }
        if (organizationWide == null && request.roleAssignments() == null) {
            roles.add(new RoleRef("roles", "user", null, null, null));
        }
        return roles;
    }

    /** The roles held across the organization that an update asks for; null when it does not touch them. */
    static List<RoleRef> roles(Patch<UpdateUserRequest> patch) {
        if (!patch.has("roles") && !patch.has("roleIds") && !patch.has("isOrgAdmin")) {
            return null;
        }
        UpdateUserRequest v = patch.values();
        return organizationWide(v.roles(), v.roleIds(), v.isOrgAdmin());
    }

    /** The invitation a create asks for: its type and how many days it lasts. */
    record InvitationChoice(String type, int expiresInDays) {}

    static InvitationChoice invitation(CreateUserRequest request) {
        String type = request.invitationType() == null ? "link" : request.invitationType();
        if (!type.equals("link") && !type.equals("temporary_password")) {
            throw ProblemException.invalid("invitationType", "must be link or temporary_password");
        }
        int days = request.expiresInDays() == null ? 7 : request.expiresInDays();
        if (days < 1 || days > 30) {
            throw ProblemException.invalid("expiresInDays", "must be between 1 and 30");
        }
        return new InvitationChoice(type, days);
    }

    UserDraft apply(User current, Patch<UpdateUserRequest> patch) {
        patch.requireNonNull("email", "roles", "roleIds", "isOrgAdmin", "allowPasswordAuth");
        UpdateUserRequest v = patch.values();
        UserDraft was = UserDraft.of(current);
        return new UserDraft(
                patch.has("email") ? Email.parse("email", v.email()) : was.email(),
                patch.has("firstName") ? Text.optional("firstName", v.firstName(), 100) : was.firstName(),
                patch.has("lastName") ? Text.optional("lastName", v.lastName(), 100) : was.lastName(),
                patch.has("name") ? Text.optional("name", v.name(), 200) : was.name(),
                patch.has("mobilePhone") ? phone(v.mobilePhone()) : was.mobilePhone(),
                patch.has("allowPasswordAuth") ? v.allowPasswordAuth() : was.allowPasswordAuth(),
                was.sendInvitation(),
                patch.has("metadata") ? metadata(v.metadata()) : was.metadata(),
                patch.has("externalId") ? Text.optional("externalId", v.externalId(), 255) : was.externalId(),
                patch.has("managerId") ? (v.managerId() == null ? null : new UserId(v.managerId())) : was.managerId());
    }

    private static String phone(String text) {
        String phone = Text.optional("mobilePhone", text, 16);
        if (phone != null && !E164.matcher(phone).matches()) {
            throw ProblemException.invalid("mobilePhone", "must be in E.164 form, such as +14155550123");
        }
        return phone;
    }

    /**
     * The roles to hold across the organization: by name (roles, the older field), by id (roleIds), or ["admin"]
     * for isOrgAdmin true and ["user"] for false. roles and roleIds are two spellings of one thing, so giving both
     * is refused; isOrgAdmin with roles must agree with them. Null when none of the three is given.
     */
    private static List<RoleRef> organizationWide(List<String> names, List<UUID> ids, Boolean isOrgAdmin) {
        if (names != null && ids != null) {
            throw ProblemException.invalid("roleIds", "give roleIds or the older roles, not both");
        }
        if (isOrgAdmin != null && ids != null) {
            throw ProblemException.invalid("isOrgAdmin", "give roleIds or isOrgAdmin, not both");
        }
        if (ids != null) {
            checkSize("roleIds", ids);
            List<RoleRef> roles = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i) == null) {
                    throw ProblemException.invalid("roleIds[" + i + "]", "must not be null");
                }
                roles.add(new RoleRef("roleIds[" + i + "]", null, ids.get(i), null, null));
            }
            return roles;
        }
        Set<String> named = names == null ? null : names(names);
        if (isOrgAdmin != null) {
            Set<String> implied = Set.of(isOrgAdmin ? "admin" : "user");
            if (named != null && !named.equals(implied)) {
                throw ProblemException.invalid("isOrgAdmin", "contradicts roles; give one or make them agree");
            }
            named = implied;
        }
        return named == null
                ? null
                : named.stream()
                        .map(name -> new RoleRef("roles", name, null, null, null))
                        .toList();
    }

    private static Set<String> names(List<String> given) {
        checkSize("roles", given);
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : given) {
            names.add(Text.required("roles", name, 100));
        }
        return names;
    }

    private static void checkSize(String field, List<?> given) {
        if (given.isEmpty()) {
            throw ProblemException.invalid(field, "must name at least one role");
        }
        checkEntries(field, given);
    }

    /** The groups and positions a create asks for are each at most {@link #MAX_ENTRIES} long. */
    static void checkPlacement(CreateUserRequest request) {
        checkEntries("groups", request.groups());
        checkEntries("positionIds", request.positionIds());
    }

    private static void checkEntries(String field, List<?> given) {
        if (given != null && given.size() > MAX_ENTRIES) {
            throw ProblemException.invalid(field, "must have at most " + MAX_ENTRIES + " entries");
        }
    }

    private Map<String, Object> metadata(Map<String, Object> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > MAX_METADATA_KEYS) {
            throw ProblemException.invalid("metadata", "must have at most " + MAX_METADATA_KEYS + " keys");
        }
        if (metadata.keySet().stream().anyMatch(key -> key.isEmpty() || key.length() > 40)) {
            throw ProblemException.invalid("metadata", "keys must be 1 to 40 characters");
        }
        if (json.writeValueAsBytes(metadata).length > MAX_METADATA_BYTES) {
            throw ProblemException.invalid("metadata", "must be at most " + MAX_METADATA_BYTES + " bytes of JSON");
        }
        return metadata;
    }
}
