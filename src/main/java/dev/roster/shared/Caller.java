package dev.roster.shared;

import java.util.UUID;

/**
 * The verified credential behind a request. The organization a caller acts in always comes from here (or, for
 * platform and partner keys, from a path they are allowed to name), never from a header or body.
 *
 * @param kind what sort of key this is
 * @param keyId the key's id (the user's id for a signed-in user), recorded as the actor of every change
 * @param organizationId the key's own organization; null for platform and partner keys
 * @param admin whether the key may change users and keys in its organization
 */
public record Caller(Kind kind, UUID keyId, UUID organizationId, boolean admin) {

    public enum Kind {
        PLATFORM,
        PARTNER,
        ORGANIZATION,
        /** A signed-in user, through a JWT: acts in its own organization with its roles. */
        USER
    }

    /** The actor string kept in createdBy, updatedBy and the audit log. */
    public String actor() {
        return (kind == Kind.USER ? "user:" : "api_key:") + keyId;
    }

    /** Whether the caller is bound to one organization (an organization key or a user). */
    public boolean inOneOrganization() {
        return kind == Kind.ORGANIZATION || kind == Kind.USER;
    }

    public boolean isPlatform() {
        return kind == Kind.PLATFORM;
    }

    public boolean isPartner() {
        return kind == Kind.PARTNER;
    }

    /** Fails with 403 unless this caller may make changes. */
    public void requireAdmin() {
        if (!admin) {
            throw ProblemException.forbidden("This API key has the user role; the admin role is required.");
        }
    }
}
