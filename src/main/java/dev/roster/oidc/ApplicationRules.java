package dev.roster.oidc;

import dev.roster.role.Role;
import dev.roster.role.RoleService;
import dev.roster.shared.Caller;
import dev.roster.shared.FieldViolation;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Patch;
import dev.roster.shared.ProblemException;
import dev.roster.shared.Text;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The checks of an application's fields on create and PATCH; each refusal is a 400 naming the field. */
@Component
class ApplicationRules {

    private static final int MAX_NAME = 200;
    private static final int MAX_ORGANIZATIONS = 50;

    private final JdbcApplicationRepository applications;
    private final RoleService roles;

    ApplicationRules(JdbcApplicationRepository applications, RoleService roles) {
        this.applications = applications;
        this.roles = roles;
    }

    /**
     * The organization and role a confidential application acts with on its own, checked: an organization the
     * caller reaches, one of its roles, and no more than the caller holds. Null stays null.
     */
    ClientCredentials clientCredentials(Caller caller, String type, ClientCredentials given) {
        if (given == null) {
            return null;
        }
        if (!type.equals(Application.CONFIDENTIAL)) {
            throw ProblemException.invalid(
                    "clientCredentials", "only a confidential application acts on its own; a public one has no secret");
        }
        if (given.organizationId() == null) {
            throw ProblemException.invalid("clientCredentials.organizationId", "is required");
        }
        if (!applications
                .reachableOrganizations(requireOperator(caller), List.of(given.organizationId()))
                .contains(given.organizationId())) {
            throw ProblemException.invalid(
                    "clientCredentials.organizationId", "is not an organization this key reaches");
        }
        Role role;
        try {
            role = roles.roleForKey(caller, new OrganizationId(given.organizationId()), given.role(), given.roleId());
        } catch (ProblemException e) {
            throw e.status().value() == 400
                    ? ProblemException.invalid("clientCredentials.role", "is not a role of this organization")
                    : e;
        }
        return new ClientCredentials(given.organizationId(), role.name(), role.id());
    }

    /** The partner key the caller's applications belong to; null for the platform, which reaches all. */
    static UUID requireOperator(Caller caller) {
        if (caller.inOneOrganization()) {
            throw ProblemException.forbidden("Only platform and partner keys manage applications.");
        }
        return caller.isPartner() ? caller.keyId() : null;
    }

    static String type(String type) {
        if (type == null) {
            throw ProblemException.invalid("type", "is required");
        }
        if (!type.equals(Application.CONFIDENTIAL) && !type.equals(Application.PUBLIC)) {
            throw ProblemException.invalid("type", "must be confidential or public");
        }
        return type;
    }

    ApplicationFields forCreate(Caller caller, ApplicationRequest request) {
        return new ApplicationFields(
                Text.required("name", request.name(), MAX_NAME),
                RedirectUris.check("redirectUris", request.redirectUris(), 1),
                RedirectUris.check("postLogoutRedirectUris", request.postLogoutRedirectUris(), 0),
                reachable(caller, request.organizationIds()));
    }

    /** The fields after a PATCH: those it names checked, the others as they are. The type cannot change. */
    ApplicationFields forUpdate(Caller caller, Application current, Patch<ApplicationRequest> patch) {
        patch.requireNonNull("name", "type", "redirectUris", "postLogoutRedirectUris");
        ApplicationRequest values = patch.values();
        if (patch.has("type") && !current.type().equals(values.type())) {
            throw ProblemException.invalid("type", "cannot be changed; create another application");
        }
        return new ApplicationFields(
                patch.has("name") ? Text.required("name", values.name(), MAX_NAME) : current.name(),
                patch.has("redirectUris")
                        ? RedirectUris.check("redirectUris", values.redirectUris(), 1)
                        : current.redirectUris(),
                patch.has("postLogoutRedirectUris")
                        ? RedirectUris.check("postLogoutRedirectUris", values.postLogoutRedirectUris(), 0)
                        : current.postLogoutRedirectUris(),
                patch.has("organizationIds") ? reachable(caller, values.organizationIds()) : current.organizationIds());
    }

    /**
     * The organizations, each one the caller reaches (checked in one query); null stays null (every organization
     * it reaches).
     */
    private List<UUID> reachable(Caller caller, List<UUID> ids) {
        if (ids == null) {
            return null;
        }
        if (ids.isEmpty() || ids.size() > MAX_ORGANIZATIONS) {
            throw ProblemException.invalid(
                    "organizationIds",
                    "must hold 1 to " + MAX_ORGANIZATIONS + " organizations, or be null for all the caller reaches");
        }
        if (ids.contains(null)) {
            throw ProblemException.invalid("organizationIds[" + ids.indexOf(null) + "]", "must not be null");
        }
        Set<UUID> found = applications.reachableOrganizations(requireOperator(caller), ids);
        List<FieldViolation> problems = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!found.contains(ids.get(i))) {
                problems.add(
                        new FieldViolation("organizationIds[" + i + "]", "is not an organization this key reaches"));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
