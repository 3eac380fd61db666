package dev.roster.login;

import dev.roster.auth.BrowserSession;
import dev.roster.auth.BrowserSessions;
import dev.roster.auth.Delivery;
import dev.roster.auth.PasswordChangeService;
import dev.roster.auth.SignInRequest;
import dev.roster.auth.SignInResult;
import dev.roster.auth.SignInService;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.ProblemException;
import dev.roster.sso.HomeRealm;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The hosted sign-in: the email first, then the password (and the organization, when the email belongs to users of
 * several), then whatever the sign-in asks for (a new password for a temporary one, a code, an authenticator to
 * enroll), ending in a browser session. A sign-in started by an application carries {@code continue}, the
 * authorization request to go back to, through every step.
 */
@Controller
@Hidden
class SignInPageController {

    private static final String NOT_ADMITTED =
            "Your account cannot sign in to this application. Ask your organization's admin for access.";

    private final SignInService signIn;
    private final PasswordChangeService passwordChange;
    private final BrowserSessions sessions;
    private final UserService users;
    private final OrganizationService organizations;
    private final LoginContext context;
    private final HomeRealm homeRealm;

    SignInPageController(
            SignInService signIn,
            PasswordChangeService passwordChange,
            BrowserSessions sessions,
            UserService users,
            OrganizationService organizations,
            LoginContext context,
            HomeRealm homeRealm) {
        this.signIn = signIn;
        this.passwordChange = passwordChange;
        this.sessions = sessions;
        this.users = users;
        this.organizations = organizations;
        this.context = context;
        this.homeRealm = homeRealm;
    }

    /** The email step, or, for a browser already signed in, where it was going or the account page. */
    @GetMapping("/login")
    String show(
            @RequestParam(name = "continue", required = false) String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<BrowserSession> session = sessions.current(request);
        String target = BrowserSessions.continueTarget(next);
        if (session.isPresent() && !target.equals("/login")) {
            return redirect(response, target);
        }
        if (session.isPresent()) {
            return account(session.get(), model);
        }
        context.describe(next, model, response);
        return "login";
    }

    /**
     * The email step (no password yet) leads to the password step, for every email alike, but for an email whose
     * verified domain routes to its organization's identity provider: that leads there, or to a choice between it
     * and a password ({@code method=password}) when the domain does not require SSO. The password step signs in, or
     * asks which organization when the email belongs to users of several and the password is right.
     */
    @PostMapping("/login")
    String signIn(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String method,
            @RequestParam(required = false) String password,
            @RequestParam(required = false) UUID organizationId,
            @RequestParam(name = "continue", required = false) String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        context.describe(next, model, response);
        model.addAttribute("email", email);
        String address = email == null ? "" : email.strip();
        if (address.isEmpty() || address.length() > 320 || !address.contains("@")) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "Type the email you sign in with.");
            return "login";
        }
        if (password == null) {
            // An email whose verified domain routes to its organization's identity provider goes there. When the
            // domain requires SSO the page moves on by itself (a meta refresh, not a redirect: browsers apply
            // form-action to a form's redirects); otherwise it offers a password instead.
            Optional<HomeRealm.Route> sso = homeRealm.routeFor(address, BrowserSessions.continueTarget(next));
            if (sso.isPresent() && !(sso.get().passwordAllowed() && "password".equals(method))) {
                model.addAttribute("ssoUrl", sso.get().startUrl());
                model.addAttribute("passwordAllowed", sso.get().passwordAllowed());
                return "login-sso";
            }
            return "login-password";
        }
        return attempt(address, password, organizationId, next, model, request, response);
    }

    /** The password step: a session, or the next step, or the refusal on the same page (429 with Retry-After). */
    private String attempt(
            String address,
            String password,
            UUID organizationId,
            String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            SignInResult result = signIn.signIn(
                    new SignInRequest("password", address, password, organizationId, null), Delivery.SESSION);
            return outcome(result, next, model, request, response);
        } catch (ProblemException e) {
            if (e.code().equals("organization_required")) {
                return pickOrganization(address, password, next, model, request, response);
            }
            response.setStatus(e.status().value());
            Object retryAfter = e.properties().get(ProblemException.RETRY_AFTER);
            if (retryAfter != null) {
                response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter.toString());
            }
            model.addAttribute("error", e.getMessage());
            return "login-password";
        }
    }

    /**
     * After a right password for an email of several organizations' users: the organizations the asking application
     * admits. One is signed in to without asking; several are offered; none gets a refusal that names no
     * organization. Only someone who knew a right password gets here, and signing in without the application would
     * tell them as much.
     */
    private String pickOrganization(
            String address,
            String password,
            String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        List<LoginContext.Choice> choices = context.organizationsFor(address, next);
        if (choices.size() == 1) {
            return attempt(address, password, choices.get(0).id().value(), next, model, request, response);
        }
        if (choices.isEmpty()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("error", NOT_ADMITTED);
            return "login-password";
        }
        model.addAttribute("organizations", choices);
        return "login-password";
    }

    @PostMapping("/login/password")
    String changePassword(
            @RequestParam(required = false) String challengeToken,
            @RequestParam(required = false) String newPassword,
            @RequestParam(required = false) String confirmation,
            @RequestParam(name = "continue", required = false) String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        context.describe(next, model, response);
        model.addAttribute("challengeToken", challengeToken);
        if (newPassword == null || !newPassword.equals(confirmation)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "The two passwords are not the same.");
            return "change-password";
        }
        try {
            return outcome(
                    passwordChange.withChallenge(challengeToken, newPassword, Delivery.SESSION),
                    next,
                    model,
                    request,
                    response);
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute(
                    "error",
                    e.errors().isEmpty()
                            ? e.getMessage()
                            : "The password " + e.errors().get(0).message() + ".");
            return e.status() == HttpStatus.BAD_REQUEST ? "change-password" : "login";
        }
    }

    @PostMapping("/login/mfa")
    String secondFactor(
            @RequestParam(required = false) String challengeToken,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String recoveryCode,
            @RequestParam(name = "continue", required = false) String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        context.describe(next, model, response);
        try {
            return outcome(
                    signIn.withSecondFactor(
                            challengeToken, blankToNull(code), blankToNull(recoveryCode), Delivery.SESSION),
                    next,
                    model,
                    request,
                    response);
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                return startOver(e, model, response);
            }
            response.setStatus(e.status().value());
            model.addAttribute("challengeToken", challengeToken);
            model.addAttribute("error", "That code is not right, or was used already. Try the next one.");
            return "mfa";
        }
    }

    @PostMapping("/login/mfa/enroll")
    String confirmEnrollment(
            @RequestParam(required = false) String challengeToken,
            @RequestParam(required = false) String code,
            @RequestParam(name = "continue", required = false) String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        context.describe(next, model, response);
        try {
            return outcome(
                    signIn.confirmEnrollment(challengeToken, blankToNull(code), Delivery.SESSION),
                    next,
                    model,
                    request,
                    response);
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                return startOver(e, model, response);
            }
            response.setStatus(e.status().value());
            model.addAttribute("error", "That code is not right. Type the six digits your app shows now.");
            return enrollment(challengeToken, model);
        }
    }

    /** Signs the browser out: its session ends, and its cookie is cleared. */
    @PostMapping("/logout")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        sessions.end(request, response);
        return redirect(response, "/login");
    }

    /** A page to sign out from, for a link: a GET never signs out by itself, or any page could sign you out. */
    @GetMapping("/logout")
    String confirmSignOut(HttpServletRequest request, HttpServletResponse response) {
        return sessions.current(request).isPresent() ? "logout" : redirect(response, "/login");
    }

    /** Ends another session of the signed-in user, from the account page. */
    @PostMapping("/login/sessions/{id}/end")
    String endSession(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) {
        sessions.current(request).ifPresent(session -> sessions.end(session.userId(), id));
        return redirect(response, "/login");
    }

    /** Where a step that proved something leads: the next challenge, or a session and on to where it was going. */
    private String outcome(
            SignInResult result, String next, Model model, HttpServletRequest request, HttpServletResponse response) {
        if (result.challengeToken() != null) {
            return challenge(result, model);
        }
        sessions.start(result, request, response);
        String target = BrowserSessions.continueTarget(next);
        if (result.recoveryCodes() != null) {
            model.addAttribute("recoveryCodes", result.recoveryCodes());
            model.addAttribute("target", target);
            return "recovery-codes";
        }
        return redirect(response, target);
    }

    /** A refusal that only a new sign-in gets past (a used or expired challenge, too many attempts). */
    private static String startOver(ProblemException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("error", e.getMessage());
        return "login";
    }

    /** The page a challenge leads to: a new password, a code, or an authenticator to enroll. */
    private String challenge(SignInResult result, Model model) {
        model.addAttribute("challengeToken", result.challengeToken());
        return switch (result.challenge()) {
            case "mfa_required" -> "mfa";
            case "mfa_enrollment_required" -> enrollment(result.challengeToken(), model);
            default -> "change-password";
        };
    }

    private String enrollment(String challengeToken, Model model) {
        model.addAttribute("challengeToken", challengeToken);
        model.addAttribute("enrollment", signIn.enrollWithChallenge(challengeToken, Delivery.SESSION));
        return "mfa-enroll";
    }

    private String account(BrowserSession session, Model model) {
        model.addAttribute("user", users.find(session.organizationId(), session.userId()));
        model.addAttribute("organizationName", organizations.name(session.organizationId()));
        context.brand(session.organizationId(), model);
        model.addAttribute("sessions", sessions.liveOf(session.userId(), session.id()));
        return "signed-in";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /**
     * A 303 to one of Roster's own paths, written by hand: a view's redirect would copy the model into the query
     * string (the email, for one) and expand braces in the target as template variables.
     */
    static String redirect(HttpServletResponse response, String target) {
        response.setStatus(HttpStatus.SEE_OTHER.value());
        response.setHeader(HttpHeaders.LOCATION, target);
        return null;
    }
}
