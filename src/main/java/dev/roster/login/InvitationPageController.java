package dev.roster.login;

import dev.roster.invitation.AcceptInvitationRequest;
import dev.roster.invitation.InvitationService;
import dev.roster.invitation.PublicInvitation;
import dev.roster.shared.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The page an invitation email links to: shows whom it is for and sets the password. */
@Controller
@Hidden
class InvitationPageController {

    private final InvitationService invitations;

    InvitationPageController(InvitationService invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/invitations/accept")
    String show(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        try {
            return form(token, invitations.preview(token), null, model);
        } catch (ProblemException e) {
            return problem(e, model, response);
        }
    }

    @PostMapping("/invitations/accept")
    String accept(
            @RequestParam(required = false) String token,
            @RequestParam(required = false) String password,
            @RequestParam(required = false) String confirmation,
            @RequestParam(required = false) String firstName,
            @RequestParam(required = false) String lastName,
            Model model,
            HttpServletResponse response) {
        PublicInvitation invitation;
        try {
            invitation = invitations.preview(token);
        } catch (ProblemException e) {
            return problem(e, model, response);
        }
        model.addAttribute("firstName", firstName);
        model.addAttribute("lastName", lastName);
        if (password == null || !password.equals(confirmation)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(token, invitation, "The two passwords are not the same.", model);
        }
        try {
            invitations.accept(token, new AcceptInvitationRequest(password, firstName, lastName));
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                return problem(e, model, response);
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            String detail = e.errors().isEmpty()
                    ? e.getMessage()
                    : e.errors().get(0).field() + " " + e.errors().get(0).message() + ".";
            return form(token, invitation, capitalize(detail), model);
        }
        model.addAttribute("email", invitation.email());
        model.addAttribute("organizationName", invitation.organizationName());
        return "accepted";
    }

    private static String form(String token, PublicInvitation invitation, String error, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("invitation", invitation);
        model.addAttribute("error", error);
        return "accept";
    }

    private static String problem(ProblemException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute(
                "heading",
                switch (e.code()) {
                    case "invitation_expired" -> "This invitation has expired";
                    case "invitation_revoked" -> "This invitation was withdrawn";
                    case "invitation_used" -> "This invitation was already used";
                    default -> "This invitation link is not valid";
                });
        model.addAttribute("message", e.getMessage());
        model.addAttribute("used", e.code().equals("invitation_used"));
        return "invitation-problem";
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
