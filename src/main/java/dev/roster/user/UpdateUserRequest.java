package dev.roster.user;

import dev.roster.shared.Patch;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The fields a PATCH may change; a field left out stays as it is, and null clears an optional one. The rules are
 * those of {@link CreateUserRequest}.
 */
public record UpdateUserRequest(
        String email,
        String firstName,
        String lastName,
        String name,
        String mobilePhone,
        List<String> roles,
        Boolean isOrgAdmin,
        List<UUID> roleIds,
        Boolean allowPasswordAuth,
        Map<String, Object> metadata,
        String externalId,
        UUID managerId) {

    /**
     * A patch built field by field, for callers (such as the compatibility surfaces) that change only a few: a field
     * set here is present in the patch, even when set to null (which clears it); any other is left as it is.
     */
    public static Builder patch() {
        return new Builder();
    }

    /** Builds a {@link Patch} of an {@link UpdateUserRequest}. */
    public static final class Builder {

        private final Set<String> present = new HashSet<>();
        private String email;
        private String firstName;
        private String lastName;
        private String name;
        private String mobilePhone;
        private List<String> roles;
        private Boolean isOrgAdmin;
        private List<UUID> roleIds;
        private Boolean allowPasswordAuth;
        private Map<String, Object> metadata;
        private String externalId;
        private UUID managerId;

        private Builder() {}

        public Builder email(String email) {
            this.email = email;
            present.add("email");
            return this;
        }

        public Builder firstName(String firstName) {
            this.firstName = firstName;
            present.add("firstName");
            return this;
        }

        public Builder lastName(String lastName) {
            this.lastName = lastName;
            present.add("lastName");
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            present.add("name");
            return this;
        }

        public Builder mobilePhone(String mobilePhone) {
            this.mobilePhone = mobilePhone;
            present.add("mobilePhone");
            return this;
        }

        public Builder roles(List<String> roles) {
            this.roles = roles;
            present.add("roles");
            return this;
        }

        public Builder isOrgAdmin(Boolean isOrgAdmin) {
            this.isOrgAdmin = isOrgAdmin;
            present.add("isOrgAdmin");
            return this;
        }

        public Builder roleIds(List<UUID> roleIds) {
            this.roleIds = roleIds;
            present.add("roleIds");
            return this;
        }

        public Builder allowPasswordAuth(Boolean allowPasswordAuth) {
            this.allowPasswordAuth = allowPasswordAuth;
            present.add("allowPasswordAuth");
            return this;
        }

        public Builder metadata(Map<String, Object> metadata) {
            this.metadata = metadata;
            present.add("metadata");
            return this;
        }

        public Builder externalId(String externalId) {
            this.externalId = externalId;
            present.add("externalId");
            return this;
        }

        public Builder managerId(UUID managerId) {
            this.managerId = managerId;
            present.add("managerId");
            return this;
        }

        public Patch<UpdateUserRequest> build() {
            return new Patch<>(
                    new UpdateUserRequest(
                            email,
                            firstName,
                            lastName,
                            name,
                            mobilePhone,
                            roles,
                            isOrgAdmin,
                            roleIds,
                            allowPasswordAuth,
                            metadata,
                            externalId,
                            managerId),
                    present);
        }
    }
}
