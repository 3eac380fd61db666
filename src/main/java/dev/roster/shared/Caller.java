package dev.roster.shared;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The verified credential behind a request. The organization a caller acts in always comes from here (or, for
 * platform and partner keys, from a path they are allowed to name), never from a header or body.
 *
 * @param kind what sort of key this is
 * @param keyId the key's id (the user's id for a signed-in user), recorded as the actor of every change
 * @param organizationId the key's own organization; null for platform and partner keys
 * @param grants what the caller may do in its organization: its role's permissions (all of them for platform
 *     and partner keys, within the organizations they may reach)
 */
public record Caller(Kind kind, UUID keyId, UUID organizationId, Grants grants) {

    public enum Kind {
        PLATFORM,
        PARTNER,
        ORGANIZATION,
        /** A signed-in user, through a JWT: acts in its own organization with its roles. */
        USER,
        /** A SCIM token: a directory (Okta, Entra ID) provisioning users and groups of its one organization. */
        SCIM,
        /**
         * An application acting on its own (an OAuth client_credentials token): in one organization, with the role
         * it was given there.
         */
        APPLICATION,
        /** An organization's SSO provider, acting on a verified sign-in: creating a user just in time, its roles. */
        SSO_PROVIDER
    }

    /** The caller of the request this thread serves; null before authentication or for an anonymous request. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller ? caller : null;
    }

    /** The actor string kept in createdBy, updatedBy and the audit log. */
    public String actor() {
        return switch (kind) {
                    case USER -> "user:";
                    case SCIM -> "scim_token:";
                    case APPLICATION -> "application:";
                    case SSO_PROVIDER -> "sso_provider:";
                    default -> "api_key:";
                }
                + keyId;
    }

    /** Whether the caller is bound to one organization (an organization key, a user or a SCIM token). */
    public boolean inOneOrganization() {
        return kind == Kind.ORGANIZATION
                || kind == Kind.USER
                || kind == Kind.SCIM
                || kind == Kind.APPLICATION
                || kind == Kind.SSO_PROVIDER;
    }

    public boolean isPlatform() {
        return kind == Kind.PLATFORM;
    }

    public boolean isPartner() {
        return kind == Kind.PARTNER;
    }

    /** Whether this caller is the signed-in user with this id. */
    public boolean isUser(UUID userId) {
        return kind == Kind.USER && keyId.equals(userId);
    }

    /** Fails with 403 {@code permission_required} unless the permission holds across the organization. */
    public void require(Permission permission) {
        require(permission, null);
    }

    /** Fails with 403 {@code permission_required} unless the permission holds on the resource. */
    public void require(Permission permission, UUID resource) {
        PermissionChecks.note(permission, resource);
        if (!grants.holds(permission, resource)) {
            throw missing(permission);
        }
    }

    /**
     * Fails with 403 {@code permission_required} unless the permission holds somewhere: across the organization or
     * on at least one resource. For a first check before the resource a request names is known.
     */
    public void requireAnywhere(Permission permission) {
        PermissionChecks.noteAnywhere(permission);
        if (!grants.holds(permission) && grants.resourcesWith(permission).isEmpty()) {
            throw missing(permission);
        }
    }

    /**
     * Fails with 403 {@code permission_escalation} unless the caller itself holds every permission it is about to
     * grant (through a role, a key or an invitation) on that resource.
     */
    public void requireAll(Collection<Permission> granted, UUID resource, String what) {
        for (Permission permission : granted) {
            PermissionChecks.note(permission, resource);
            if (!grants.holds(permission, resource)) {
                throw new ProblemException(
                        HttpStatus.FORBIDDEN,
                        "permission_escalation",
                        what + " carries " + permission.code() + ", which this credential does not hold"
                                + (resource == null ? "" : " on that resource") + "; no one can grant more than"
                                + " they hold.",
                        List.of(),
                        Map.of("permission", permission.code()));
            }
        }
    }

    private static ProblemException missing(Permission permission) {
        return new ProblemException(
                HttpStatus.FORBIDDEN,
                "permission_required",
                "This credential lacks the permission " + permission.code() + ".",
                List.of(),
                Map.of("permission", permission.code()));
    }
}
