package dev.roster.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user as the API shows it.
 *
 * @param roles the user's organization roles: ["admin"] or ["user"]
 * @param allowPasswordAuth false for SSO-only users
 * @param sendInvitation whether an invitation was asked for at creation
 * @param metadata the caller's own small JSON object
 * @param externalId the caller's own id for this user, unique in the organization
 * @param deletedAt when the user was deleted; absent for live users
 * @param invitation the state of the user's email invitation; null when none was sent
 * @param manager who the user reports to; null when no one
 */
public record User(
        UserId id,
        OrganizationId organizationId,
        String email,
        String firstName,
        String lastName,
        String name,
        String mobilePhone,
        List<String> roles,
        UserStatus status,
        boolean allowPasswordAuth,
        boolean sendInvitation,
        boolean mfaEnabled,
        Instant lastLoginAt,
        Map<String, Object> metadata,
        String externalId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant deletedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String deletedBy,
        InvitationSummary invitation,
        ManagerSummary manager) {

    boolean deleted() {
        return deletedAt != null;
    }

    /** Who the user reports to; null when no one. */
    @JsonIgnore
    public UserId managerId() {
        return manager == null ? null : manager.id();
    }

    /** Whether a SCIM directory created this user; {@link #scimTokenId} says through which token. */
    @JsonProperty("scimManaged")
    public boolean scimManaged() {
        return scimTokenId() != null;
    }

    /** The id of the SCIM token that created this user; null for a user created another way. */
    @JsonProperty("scimTokenId")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String scimTokenId() {
        return createdBy != null && createdBy.startsWith(SCIM_ACTOR) ? createdBy.substring(SCIM_ACTOR.length()) : null;
    }

    private static final String SCIM_ACTOR = "scim_token:";

    /** The name to show: {@code name}, or else the first and last names; null when the user has none. */
    @JsonIgnore
    public String displayName() {
        if (name != null) {
            return name;
        }
        String joined = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return joined.isEmpty() ? null : joined;
    }
}
