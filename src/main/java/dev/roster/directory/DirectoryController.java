package dev.roster.directory;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.PatchReader;
import dev.roster.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Directory", description = "Groups with members (one primary per user) and positions")
class DirectoryController {

    private static final String ORG = "/v1/organizations/{orgId}";

    private final DirectoryService directory;
    private final PatchReader patches;

    DirectoryController(DirectoryService directory, PatchReader patches) {
        this.directory = directory;
        this.patches = patches;
    }

    @PostMapping({"/v1/groups", ORG + "/groups"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a group (admin); 409 name_taken")
    Group createGroup(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestBody GroupRequest request) {
        return directory.createGroup(caller, orgId, request);
    }

    @GetMapping({"/v1/groups", ORG + "/groups"})
    @Operation(summary = "List groups")
    Page<Group> groups(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return directory.groups(caller, orgId, cursor, limit);
    }

    @GetMapping({"/v1/groups/{groupId}", ORG + "/groups/{groupId}"})
    @Operation(summary = "Get a group")
    Group group(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID groupId) {
        return directory.group(caller, orgId, groupId);
    }

    @PatchMapping({"/v1/groups/{groupId}", ORG + "/groups/{groupId}"})
    @Operation(summary = "Rename or retype a group (admin)")
    Group updateGroup(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID groupId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = GroupRequest.class)))
                    @RequestBody
                    JsonNode body) {
        return directory.updateGroup(caller, orgId, groupId, patches.read(body, GroupRequest.class));
    }

    @DeleteMapping({"/v1/groups/{groupId}", ORG + "/groups/{groupId}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a group and its memberships (admin)")
    void deleteGroup(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID groupId) {
        directory.deleteGroup(caller, orgId, groupId);
    }

    @GetMapping({"/v1/groups/{groupId}/members", ORG + "/groups/{groupId}/members"})
    @Operation(summary = "List a group's members")
    List<GroupMember> members(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID groupId) {
        return directory.members(caller, orgId, groupId);
    }

    @PutMapping({"/v1/groups/{groupId}/members/{userId}", ORG + "/groups/{groupId}/members/{userId}"})
    @Operation(summary = "Add a member or set whether this is its primary group (admin)")
    List<GroupMember> putMember(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID groupId,
            @PathVariable UserId userId,
            @RequestBody(required = false) MembershipRequest request) {
        return directory.putMember(caller, orgId, groupId, userId, request);
    }

    @DeleteMapping({"/v1/groups/{groupId}/members/{userId}", ORG + "/groups/{groupId}/members/{userId}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member (admin)")
    void removeMember(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID groupId,
            @PathVariable UserId userId) {
        directory.removeMember(caller, orgId, groupId, userId);
    }

    @PostMapping({"/v1/positions", ORG + "/positions"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a position (admin); 409 name_taken")
    Position createPosition(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestBody PositionRequest request) {
        return directory.createPosition(caller, orgId, request);
    }

    @GetMapping({"/v1/positions", ORG + "/positions"})
    @Operation(summary = "List positions")
    Page<Position> positions(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return directory.positions(caller, orgId, cursor, limit);
    }

    @GetMapping({"/v1/positions/{positionId}", ORG + "/positions/{positionId}"})
    @Operation(summary = "Get a position")
    Position position(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID positionId) {
        return directory.position(caller, orgId, positionId);
    }

    @PatchMapping({"/v1/positions/{positionId}", ORG + "/positions/{positionId}"})
    @Operation(summary = "Rename a position (admin)")
    Position updatePosition(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID positionId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = PositionRequest.class)))
                    @RequestBody
                    JsonNode body) {
        return directory.updatePosition(caller, orgId, positionId, patches.read(body, PositionRequest.class));
    }

    @DeleteMapping({"/v1/positions/{positionId}", ORG + "/positions/{positionId}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a position; its holders stop holding it (admin)")
    void deletePosition(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UUID positionId) {
        directory.deletePosition(caller, orgId, positionId);
    }

    @GetMapping({"/v1/users/{userId}/positions", ORG + "/users/{userId}/positions"})
    @Operation(summary = "The positions a user holds")
    List<Position> positionsOf(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId) {
        return directory.positionsOf(caller, orgId, userId);
    }

    @PutMapping({"/v1/users/{userId}/positions/{positionId}", ORG + "/users/{userId}/positions/{positionId}"})
    @Operation(summary = "Give a user a position (admin)")
    List<Position> assignPosition(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId,
            @PathVariable UUID positionId) {
        return directory.assignPosition(caller, orgId, userId, positionId);
    }

    @DeleteMapping({"/v1/users/{userId}/positions/{positionId}", ORG + "/users/{userId}/positions/{positionId}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Take a position from a user (admin)")
    void unassignPosition(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId,
            @PathVariable UUID positionId) {
        directory.unassignPosition(caller, orgId, userId, positionId);
    }
}
