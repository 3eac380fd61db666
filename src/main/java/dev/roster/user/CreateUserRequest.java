package dev.roster.user;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fields a caller may set on a new user; any other field is rejected, so id, status, organization and
 * timestamps cannot be set by mass assignment.
 *
 * @param email required; trimmed and compared lower-cased
 * @param mobilePhone E.164, such as +14155550123
 * @param roles names of roles to hold across the organization (built-in or custom); ["user"] when no role field is
 *     given. The older spelling of roleIds: giving both is rejected
 * @param isOrgAdmin true is the same as roles ["admin"], false as ["user"]
 * @param roleIds ids of roles to hold across the organization
 * @param roleAssignments roles to hold across the organization or on one environment
 * @param allowPasswordAuth false makes an SSO-only user; true when omitted
 * @param sendInvitation whether to invite the user by email; true when omitted
 * @param metadata a JSON object of at most 50 keys and 8 KiB
 * @param externalId the caller's own id for the user, unique in the organization
 * @param managerId the user this one reports to: an active or invited user of the same organization
 * @param groups groups to add the user to, at most one of them primary
 * @param positionIds positions the user holds
 * @param invitationType link (the default: a link to set a password) or temporary_password (the email carries a
 *     generated password to replace at first sign-in)
 * @param expiresInDays how long the invitation stays valid, 1 to 30 days; 7 when omitted
 */
public record CreateUserRequest(
        String email,
        String firstName,
        String lastName,
        String name,
        String mobilePhone,
        List<String> roles,
        Boolean isOrgAdmin,
        List<UUID> roleIds,
        List<RoleAssignmentRequest> roleAssignments,
        Boolean allowPasswordAuth,
        Boolean sendInvitation,
        Map<String, Object> metadata,
        String externalId,
        UUID managerId,
        List<UserPlaced.GroupPlacement> groups,
        List<UUID> positionIds,
        String invitationType,
        Integer expiresInDays) {

    /** A request to build field by field, for callers (such as the compatibility surfaces) that set only a few. */
    public static Builder builder(String email) {
        return new Builder(email);
    }

    /** Builds a {@link CreateUserRequest}; a field not set stays null, as when a JSON body leaves it out. */
    public static final class Builder {

        private final String email;
        private String firstName;
        private String lastName;
        private String name;
        private String mobilePhone;
        private List<String> roles;
        private Boolean isOrgAdmin;
        private List<UUID> roleIds;
        private List<RoleAssignmentRequest> roleAssignments;
        private Boolean allowPasswordAuth;
        private Boolean sendInvitation;
        private Map<String, Object> metadata;
        private String externalId;
        private UUID managerId;
        private List<UserPlaced.GroupPlacement> groups;
        private List<UUID> positionIds;
        private String invitationType;
        private Integer expiresInDays;

        private Builder(String email) {
            this.email = email;
        }

        public Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        public Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder mobilePhone(String mobilePhone) {
            this.mobilePhone = mobilePhone;
            return this;
        }

        public Builder roles(List<String> roles) {
            this.roles = roles;
            return this;
        }

        public Builder isOrgAdmin(Boolean isOrgAdmin) {
            this.isOrgAdmin = isOrgAdmin;
            return this;
        }

        public Builder roleIds(List<UUID> roleIds) {
            this.roleIds = roleIds;
            return this;
        }

        public Builder roleAssignments(List<RoleAssignmentRequest> roleAssignments) {
            this.roleAssignments = roleAssignments;
            return this;
        }

        public Builder allowPasswordAuth(Boolean allowPasswordAuth) {
            this.allowPasswordAuth = allowPasswordAuth;
            return this;
        }

        public Builder sendInvitation(Boolean sendInvitation) {
            this.sendInvitation = sendInvitation;
            return this;
        }

        public Builder metadata(Map<String, Object> metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder externalId(String externalId) {
            this.externalId = externalId;
            return this;
        }

        public Builder managerId(UUID managerId) {
            this.managerId = managerId;
            return this;
        }

        public Builder groups(List<UserPlaced.GroupPlacement> groups) {
            this.groups = groups;
            return this;
        }

        public Builder positionIds(List<UUID> positionIds) {
            this.positionIds = positionIds;
            return this;
        }

        public Builder invitationType(String invitationType) {
            this.invitationType = invitationType;
            return this;
        }

        public Builder expiresInDays(Integer expiresInDays) {
            this.expiresInDays = expiresInDays;
            return this;
        }

        public CreateUserRequest build() {
            return new CreateUserRequest(
                    email,
                    firstName,
                    lastName,
                    name,
                    mobilePhone,
                    roles,
                    isOrgAdmin,
                    roleIds,
                    roleAssignments,
                    allowPasswordAuth,
                    sendInvitation,
                    metadata,
                    externalId,
                    managerId,
                    groups,
                    positionIds,
                    invitationType,
                    expiresInDays);
        }
    }
}
