package dev.roster.console;

import dev.roster.invitation.Invitation;
import dev.roster.invitation.InvitationService;
import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's pending (or expired) invitations, 50 at a time, with when each was first sent, how often, and
 * when it expires, and the resend and revoke buttons for a member who may send invitations.
 */
@Controller
@Hidden
class ConsoleInvitationsController {

    /** The states this page lists: those an admin can still act on. */
    private static final List<String> STATES = List.of("pending", "expired");

    private static final int PAGE_SIZE = ConsoleMembersController.PAGE_SIZE;

    private final InvitationService invitations;

    ConsoleInvitationsController(InvitationService invitations) {
        this.invitations = invitations;
    }

    /** The pending invitations, or with {@code status=expired} those that expired unaccepted. */
    @GetMapping("/console/invitations")
    String list(
            Caller caller,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done,
            Model model) {
        String state = status == null || status.isBlank() ? "pending" : status.strip();
        if (!STATES.contains(state)) {
            throw ProblemException.invalid("status", "must be pending or expired");
        }
        Page<Invitation> page = invitations.list(
                caller, null, state, null, cursor == null || cursor.isBlank() ? null : cursor, PAGE_SIZE);
        String here = "/console/invitations?status=" + state;
        model.addAttribute("status", state);
        model.addAttribute("states", STATES);
        model.addAttribute("invitations", page.data());
        model.addAttribute("first", cursor == null ? null : here);
        model.addAttribute(
                "next",
                page.nextCursor() == null
                        ? null
                        : here + "&cursor=" + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8));
        model.addAttribute("invites", caller.grants().holds(Permission.USERS_INVITE));
        model.addAttribute("done", ConsoleMemberController.doneMessage(done));
        return "console/invitations";
    }

    /** Revokes an invitation; back to the member's page when it was revoked from there. */
    @PostMapping("/console/invitations/{invitationId}/revoke")
    String revoke(
            Caller caller,
            @PathVariable UUID invitationId,
            @RequestParam(required = false) String back,
            HttpServletResponse response) {
        Invitation revoked = invitations.revoke(caller, null, invitationId);
        String target = "member".equals(back)
                ? ConsoleMemberController.memberPage(revoked.userId(), "revoked")
                : "/console/invitations?done=revoked";
        return ConsoleAdvice.redirect(response, target);
    }
}
