package dev.roster.console;

import dev.roster.directory.DirectoryService;
import dev.roster.directory.MembershipRequest;
import dev.roster.shared.Caller;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A member's groups, primary group and positions changed from its page, through the directory's service as the API
 * changes them ({@code PUT} and {@code DELETE /v1/groups/{id}/members/{userId}}, {@code /v1/users/{id}/positions/}):
 * groups:manage, a live member of the organization. Each answers with a 303 back to the member's page.
 */
@Controller
@Hidden
class ConsoleMemberDirectoryController {

    private static final String MEMBER = "/console/members/{userId}";

    private final DirectoryService directory;

    ConsoleMemberDirectoryController(DirectoryService directory) {
        this.directory = directory;
    }

    /** Adds the member to a group, as its primary group when {@code primary} is checked. */
    @PostMapping(MEMBER + "/groups")
    String addToGroup(
            Caller caller,
            @PathVariable UserId userId,
            @RequestParam(required = false) String groupId,
            @RequestParam(required = false) String primary,
            HttpServletResponse response) {
        directory.putMember(
                caller, null, required("groupId", groupId), userId, new MembershipRequest("true".equals(primary)));
        return ConsoleMemberChangesController.back(response, userId, "group_added");
    }

    /** Makes the group the member's primary group ({@code primary=true}, the previous one stops being it) or not. */
    @PostMapping(MEMBER + "/groups/{groupId}/primary")
    String setPrimary(
            Caller caller,
            @PathVariable UserId userId,
            @PathVariable UUID groupId,
            @RequestParam(required = false) String primary,
            HttpServletResponse response) {
        boolean makePrimary = "true".equals(primary);
        directory.putMember(caller, null, groupId, userId, new MembershipRequest(makePrimary));
        return ConsoleMemberChangesController.back(response, userId, makePrimary ? "primary_set" : "primary_unset");
    }

    @PostMapping(MEMBER + "/groups/{groupId}/remove")
    String removeFromGroup(
            Caller caller, @PathVariable UserId userId, @PathVariable UUID groupId, HttpServletResponse response) {
        directory.removeMember(caller, null, groupId, userId);
        return ConsoleMemberChangesController.back(response, userId, "group_removed");
    }

    @PostMapping(MEMBER + "/positions")
    String addPosition(
            Caller caller,
            @PathVariable UserId userId,
            @RequestParam(required = false) String positionId,
            HttpServletResponse response) {
        directory.assignPosition(caller, null, userId, required("positionId", positionId));
        return ConsoleMemberChangesController.back(response, userId, "position_added");
    }

    @PostMapping(MEMBER + "/positions/{positionId}/remove")
    String removePosition(
            Caller caller, @PathVariable UserId userId, @PathVariable UUID positionId, HttpServletResponse response) {
        directory.unassignPosition(caller, null, userId, positionId);
        return ConsoleMemberChangesController.back(response, userId, "position_removed");
    }

    private static UUID required(String field, String text) {
        UUID id = Forms.id(field, text);
        if (id == null) {
            throw ProblemException.invalid(field, "is required");
        }
        return id;
    }
}
