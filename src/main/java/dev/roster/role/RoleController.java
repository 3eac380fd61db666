package dev.roster.role;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.PatchReader;
import dev.roster.shared.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Roles", description = "The permission catalog, built-in and custom roles, and users' role assignments")
class RoleController {

    private static final String ORG = "/v1/organizations/{orgId}";

    private final RoleService roles;
    private final PatchReader patches;

    RoleController(RoleService roles, PatchReader patches) {
        this.roles = roles;
        this.patches = patches;
    }

    @GetMapping("/v1/permissions")
    @Operation(summary = "The permission catalog: every permission a role can grant (any credential)")
    Map<String, List<PermissionInfo>> permissions() {
        return Map.of(
                "data",
                Arrays.stream(Permission.values())
                        .map(p -> new PermissionInfo(p.code(), p.description()))
                        .toList());
    }

    @PostMapping({"/v1/roles", ORG + "/roles"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a custom role (roles:manage, and every permission it grants);"
                    + " 409 role_name_taken, 403 permission_escalation")
    Role create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestBody RoleRequest request) {
        return roles.create(caller, orgId, request);
    }

    @GetMapping({"/v1/roles", ORG + "/roles"})
    @Operation(summary = "List roles: the built-in admin and user first, then the organization's own (roles:read)")
    Page<Role> list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return roles.list(caller, orgId, cursor, limit);
    }

    @GetMapping({"/v1/roles/{roleId}", ORG + "/roles/{roleId}"})
    @Operation(summary = "Get a role (roles:read)")
    Role get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID roleId) {
        return roles.get(caller, orgId, roleId);
    }

    @PatchMapping({"/v1/roles/{roleId}", ORG + "/roles/{roleId}"})
    @Operation(
            summary = "Change a custom role (roles:manage, and its permissions before and after);"
                    + " 409 role_built_in for admin and user")
    Role update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID roleId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = RoleRequest.class)))
                    @RequestBody
                    JsonNode body) {
        return roles.update(caller, orgId, roleId, patches.read(body, RoleRequest.class));
    }

    @DeleteMapping({"/v1/roles/{roleId}", ORG + "/roles/{roleId}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a custom role no one holds (roles:manage); 409 role_in_use, 409 role_built_in")
    void delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID roleId) {
        roles.delete(caller, orgId, roleId);
    }
}
