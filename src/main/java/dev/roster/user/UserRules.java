package dev.roster.user;

import dev.roster.shared.Patch;
import dev.roster.shared.ProblemException;
import dev.roster.shared.Text;
import dev.roster.shared.UserId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Checks a create or update request field by field and turns it into a {@link UserDraft}. */
@Component
class UserRules {

    static final Set<String> ROLES = Set.of("admin", "user");
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
                roles(request.roles(), request.isOrgAdmin(), List.of("user")),
                request.allowPasswordAuth() == null || request.allowPasswordAuth(),
                request.sendInvitation() == null || request.sendInvitation(),
                metadata(request.metadata()),
                Text.optional("externalId", request.externalId(), 255),
                request.managerId() == null ? null : new UserId(request.managerId()));
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
        patch.requireNonNull("email", "roles", "isOrgAdmin", "allowPasswordAuth");
        UpdateUserRequest v = patch.values();
        UserDraft was = UserDraft.of(current);
        boolean rolesChange = patch.has("roles") || patch.has("isOrgAdmin");
        return new UserDraft(
                patch.has("email") ? Email.parse("email", v.email()) : was.email(),
                patch.has("firstName") ? Text.optional("firstName", v.firstName(), 100) : was.firstName(),
                patch.has("lastName") ? Text.optional("lastName", v.lastName(), 100) : was.lastName(),
                patch.has("name") ? Text.optional("name", v.name(), 200) : was.name(),
                patch.has("mobilePhone") ? phone(v.mobilePhone()) : was.mobilePhone(),
                rolesChange ? roles(v.roles(), v.isOrgAdmin(), was.roles()) : was.roles(),
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
     * The roles to keep: the list given, or ["admin"] for isOrgAdmin true. Both given must agree, so that a
     * request can never say two different things.
     */
    private static List<String> roles(List<String> given, Boolean isOrgAdmin, List<String> otherwise) {
        List<String> roles = given == null ? null : normalise(given);
        if (isOrgAdmin != null) {
            List<String> implied = isOrgAdmin ? List.of("admin") : List.of("user");
            if (roles != null && !roles.equals(implied)) {
                throw ProblemException.invalid("isOrgAdmin", "contradicts roles; give one or make them agree");
            }
            return implied;
        }
        return roles == null ? otherwise : roles;
    }

    private static List<String> normalise(List<String> given) {
        if (given.isEmpty()) {
            throw ProblemException.invalid("roles", "must name at least one role");
        }
        TreeSet<String> roles = new TreeSet<>();
        for (String role : given) {
            if (role == null || !ROLES.contains(role)) {
                throw ProblemException.invalid("roles", "must contain only admin or user");
            }
            roles.add(role);
        }
        if (roles.size() > 1) {
            throw ProblemException.invalid("roles", "must be either [\"admin\"] or [\"user\"]");
        }
        return List.copyOf(roles);
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
