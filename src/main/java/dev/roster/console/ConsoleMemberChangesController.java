package dev.roster.console;

import dev.roster.auth.MfaService;
import dev.roster.auth.SessionService;
import dev.roster.role.RoleAssignmentService;
import dev.roster.shared.Caller;
import dev.roster.shared.UserId;
import dev.roster.sso.IdentityService;
import dev.roster.user.RoleAssignmentRequest;
import dev.roster.user.UpdateUserRequest;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The changes a member's page makes beyond its status: the profile, a role given or taken away (the role service's
 * escalation rules apply), a browser session ended, every refresh token ended, two-factor reset, an SSO identity
 * unlinked. Each goes through its feature's service with the signed-in member's caller and answers with a 303 back
 * to the member's page, which says what was done.
 */
@Controller
@Hidden
class ConsoleMemberChangesController {

    private final UserService users;
    private final RoleAssignmentService roles;
    private final SessionService sessions;
    private final MfaService mfa;
    private final IdentityService identities;

    ConsoleMemberChangesController(
            UserService users,
            RoleAssignmentService roles,
            SessionService sessions,
            MfaService mfa,
            IdentityService identities) {
        this.users = users;
        this.roles = roles;
        this.sessions = sessions;
        this.mfa = mfa;
        this.identities = identities;
    }

    @PostMapping("/console/members/{userId}/profile")
    String profile(
            Caller caller,
            @PathVariable UserId userId,
            @RequestParam(required = false) String firstName,
            @RequestParam(required = false) String lastName,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String mobilePhone,
            HttpServletResponse response) {
        users.update(
                caller,
                null,
                userId,
                UpdateUserRequest.patch()
                        .firstName(Forms.blankToNull(firstName))
                        .lastName(Forms.blankToNull(lastName))
                        .name(Forms.blankToNull(name))
                        .mobilePhone(Forms.blankToNull(mobilePhone))
                        .build());
        return back(response, userId, "updated");
    }

    /** Gives a role across the organization, or on one environment when one is chosen. */
    @PostMapping("/console/members/{userId}/roles")
    String assign(
            Caller caller,
            @PathVariable UserId userId,
            @RequestParam(required = false) String roleId,
            @RequestParam(required = false) String environmentId,
            HttpServletResponse response) {
        roles.assign(
                caller,
                null,
                userId,
                new RoleAssignmentRequest(Forms.id("roleId", roleId), Forms.id("environmentId", environmentId)));
        return back(response, userId, "role_assigned");
    }

    @PostMapping("/console/members/{userId}/roles/{assignmentId}/remove")
    String unassign(
            Caller caller, @PathVariable UserId userId, @PathVariable UUID assignmentId, HttpServletResponse response) {
        roles.unassign(caller, null, userId, assignmentId);
        return back(response, userId, "role_removed");
    }

    @PostMapping("/console/members/{userId}/sessions/{sessionId}/end")
    String endSession(
            Caller caller, @PathVariable UserId userId, @PathVariable UUID sessionId, HttpServletResponse response) {
        sessions.endSession(caller, null, userId, sessionId);
        return back(response, userId, "session_ended");
    }

    /** Ends every refresh token of the member: applications must sign it in again. */
    @PostMapping("/console/members/{userId}/sign-out")
    String signOut(Caller caller, @PathVariable UserId userId, HttpServletResponse response) {
        sessions.signOut(caller, null, userId);
        return back(response, userId, "signed_out");
    }

    @PostMapping("/console/members/{userId}/mfa/reset")
    String resetMfa(Caller caller, @PathVariable UserId userId, HttpServletResponse response) {
        mfa.reset(caller, null, userId);
        return back(response, userId, "mfa_reset");
    }

    @PostMapping("/console/members/{userId}/identities/{identityId}/unlink")
    String unlink(
            Caller caller, @PathVariable UserId userId, @PathVariable UUID identityId, HttpServletResponse response) {
        identities.delete(caller, null, userId, identityId);
        return back(response, userId, "identity_unlinked");
    }

    static String back(HttpServletResponse response, UserId userId, String done) {
        return ConsoleAdvice.redirect(response, ConsoleMemberController.memberPage(userId, done));
    }
}
