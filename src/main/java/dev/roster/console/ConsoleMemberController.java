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

/**
 * One member's page (profile, invitation, roles, groups, positions, sessions, two-factor, SSO identities, audit
 * trail, each as far as the signed-in member may read it) and its status actions, each answered with a 303 to the page.
 */
@Controller
@Hidden
class ConsoleMemberController {

    /** What a {@code done} parameter says after an action, from a fixed list: never text from the URL. */
    private static final Map<String, String> DONE = Map.ofEntries(
            Map.entry("deactivated", "The member was deactivated and signed out everywhere."),
            Map.entry("reactivated", "The member was reactivated."),
            Map.entry("resent", "The invitation was sent again with a new link and a new expiry."),
            Map.entry("revoked", "The invitation was revoked; its link no longer works."),
            Map.entry("restored", "The member was restored and holds a seat again."),
            Map.entry("updated", "The profile was saved."),
            Map.entry("role_assigned", "The role was given."),
            Map.entry("role_removed", "The role was taken away."),
            Map.entry("session_ended", "The browser session was ended."),
            Map.entry("signed_out", "Every application's sign-in of the member was ended."),
            Map.entry("mfa_reset", "Two-factor authentication was reset; the member enrolls again at next sign-in."),
            Map.entry("identity_unlinked", "The SSO identity was unlinked."),
            Map.entry("group_added", "The member was added to the group."),
            Map.entry("group_removed", "The member was taken out of the group."),
            Map.entry("primary_set", "That group is now the member's primary group."),
            Map.entry("primary_unset", "The member has no primary group now."),
            Map.entry("position_added", "The position was given."),
            Map.entry("position_removed", "The position was taken away."));

    private final UserService users;
    private final InvitationService invitations;
    private final MemberSections sections;

    ConsoleMemberController(UserService users, InvitationService invitations, MemberSections sections) {
        this.users = users;
        this.invitations = invitations;
        this.sections = sections;
    }

    /**
     * The member's page; {@code reports} and {@code audit} are the cursors of the direct reports' and the audit
     * trail's pages, each link keeping the other's.
     */
    @GetMapping("/console/members/{userId}")
    String show(
            Caller caller,
            @PathVariable UserId userId,
            @RequestParam(required = false) String done,
            @RequestParam(required = false) String reports,
            @RequestParam(required = false) String audit,
            Model model) {
        User member = users.get(caller, null, userId);
        String reportsCursor = Forms.blankToNull(reports);
        String auditCursor = Forms.blankToNull(audit);
        MemberActions actions = MemberActions.of(caller, member);
        MemberSections.Sections shown = sections.of(caller, member, actions, reportsCursor, auditCursor);
        model.addAttribute("member", member);
        model.addAttribute("actions", actions);
        model.addAttribute("sections", shown);
        model.addAttribute("done", doneMessage(done));
        String path = "/console/members/" + userId.value();
        model.addAttribute(
                "reportPages", SectionPages.of(path, "reports", reportsCursor, shown.reports(), "audit", auditCursor));
        model.addAttribute(
                "auditPages", SectionPages.of(path, "audit", auditCursor, shown.audit(), "reports", reportsCursor));
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
