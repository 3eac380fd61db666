package dev.roster.console;

import dev.roster.invitation.InvitationService;
import dev.roster.shared.Caller;
import dev.roster.shared.UserId;
import dev.roster.user.User;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** One member's page and the actions the signed-in member may take on it, each answered with a 303 to the page. */
@Controller
@Hidden
class ConsoleMemberController {

    /** What a {@code done} parameter says after an action, from a fixed list: never text from the URL. */
    private static final Map<String, String> DONE = Map.of(
            "deactivated", "The member was deactivated and signed out everywhere.",
            "reactivated", "The member was reactivated.",
            "resent", "The invitation was sent again with a new link and a new expiry.",
            "revoked", "The invitation was revoked; its link no longer works.",
            "restored", "The member was restored and holds a seat again.");

    private final UserService users;
    private final InvitationService invitations;

    ConsoleMemberController(UserService users, InvitationService invitations) {
        this.users = users;
        this.invitations = invitations;
    }

    @GetMapping("/console/members/{userId}")
    String show(Caller caller, @PathVariable UserId userId, @RequestParam(required = false) String done, Model model) {
        User member = users.get(caller, null, userId);
        model.addAttribute("member", member);
        model.addAttribute("actions", MemberActions.of(caller, member));
        model.addAttribute("done", doneMessage(done));
        return "console/member";
    }

    @PostMapping("/console/members/{userId}/deactivate")
    String deactivate(Caller caller, @PathVariable UserId userId, HttpServletResponse response) {
        users.deactivate(caller, null, userId);
        return ConsoleAdvice.redirect(response, memberPage(userId, "deactivated"));
    }

    @PostMapping("/console/members/{userId}/reactivate")
    String reactivate(Caller caller, @PathVariable UserId userId, HttpServletResponse response) {
        users.reactivate(caller, null, userId);
        return ConsoleAdvice.redirect(response, memberPage(userId, "reactivated"));
    }

    @PostMapping("/console/members/{userId}/restore")
    String restore(Caller caller, @PathVariable UserId userId, HttpServletResponse response) {
        users.restore(caller, null, userId);
        return ConsoleAdvice.redirect(response, memberPage(userId, "restored"));
    }

    /** Sends the invitation again; back to the invitations page when it was sent from there. */
    @PostMapping("/console/members/{userId}/invitation/resend")
    String resend(
            Caller caller,
            @PathVariable UserId userId,
            @RequestParam(required = false) String back,
            HttpServletResponse response) {
        invitations.resend(caller, null, userId, null);
        String target = "invitations".equals(back) ? "/console/invitations?done=resent" : memberPage(userId, "resent");
        return ConsoleAdvice.redirect(response, target);
    }

    static String memberPage(UserId userId, String done) {
        return "/console/members/" + userId.value() + "?done=" + done;
    }

    static String doneMessage(String done) {
        return done == null ? null : DONE.get(done);
    }
}
