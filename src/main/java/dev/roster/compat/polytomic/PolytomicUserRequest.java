package dev.roster.compat.polytomic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * The body of Polytomic's create and update user requests. Fields the page does not name are ignored, as
 * Polytomic's own service ignores them.
 *
 * @param email required on create (and, by the page's schema, on a partner update, which does not change it)
 * @param roleIds roles to hold across the organization; at least one when given
 * @param role the deprecated legacy role name (admin, user or a custom role's name); never together with role_ids
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(name = "PolytomicUserRequest")
record PolytomicUserRequest(
        @Schema(example = "jane.doe@acmecorp.com") String email,
        @JsonProperty("role_ids") List<UUID> roleIds,
        @Schema(deprecated = true) String role) {

    boolean namesRoles() {
        return roleIds != null || role != null;
    }
}
