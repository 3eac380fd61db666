package dev.roster.login;

import dev.roster.auth.BrowserSession;
import dev.roster.auth.BrowserSessions;
import dev.roster.auth.MfaService;
import dev.roster.auth.SignInService;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.SignInCandidate;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The signed-in user's own authenticator, from the account page: enrolling one (a QR code, a code from it, then the
 * recovery codes, shown once) and turning it off with a current code. Each step acts as the user through {@link
 * MfaService}, under the API's own rules. An authorization request of an organization that requires MFA sends a
 * browser whose user has no authenticator here, with {@code continue} to go back to it.
 */
@Controller
@Hidden
class MfaPageController {

    static final String SETUP = "/login/mfa/setup";

    private final MfaService mfa;
    private final SignInService signIn;
    private final BrowserSessions sessions;
    private final UserService users;
    private final OrganizationService organizations;
    private final LoginContext context;

    MfaPageController(
            MfaService mfa,
            SignInService signIn,
            BrowserSessions sessions,
            UserService users,
            OrganizationService organizations,
            LoginContext context) {
        this.mfa = mfa;
        this.signIn = signIn;
        this.sessions = sessions;
        this.users = users;
        this.organizations = organizations;
        this.context = context;
    }

    /** The enrollment for a user without an authenticator, or the page that turns one off. */
    @GetMapping(SETUP)
    String show(
            @RequestParam(name = "continue", required = false) String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<Caller> caller = signedIn(next, model, request, response);
        if (caller.isEmpty()) {
            return signInFirst(next, response);
        }
        if (enabled(caller.get())) {
            return turnOffPage(caller.get(), model);
        }
        return enrollment(caller.get(), model);
    }

    /** Confirms the authenticator with a code from it, then shows the recovery codes once. */
    @PostMapping(SETUP)
    String confirm(
            @RequestParam(required = false) String code,
            @RequestParam(name = "continue", required = false) String next,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<Caller> caller = signedIn(next, model, request, response);
        if (caller.isEmpty()) {
            return signInFirst(next, response);
        }
        try {
            List<String> codes = mfa.confirm(caller.get(), code == null ? "" : code.strip());
            model.addAttribute("recoveryCodes", codes);
            model.addAttribute("target", BrowserSessions.continueTarget(next));
            return "recovery-codes";
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                // Enrolled in another tab meanwhile, or never started here: the page shows where things stand.
                return SignInPageController.redirect(response, setupPath(next));
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "That code is not right. Type the six digits your app shows now.");
            return enrollment(caller.get(), model);
        }
    }

    /** Turns the authenticator off with a current code from it; back to the account page. */
    @PostMapping("/login/mfa/disable")
    String turnOff(
            @RequestParam(required = false) String code,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<Caller> caller = signedIn(null, model, request, response);
        if (caller.isEmpty()) {
            return signInFirst(null, response);
        }
        try {
            mfa.turnOff(caller.get(), code == null ? null : code.strip());
            return SignInPageController.redirect(response, "/login");
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute(
                    "error",
                    e.status() == HttpStatus.BAD_REQUEST
                            ? "That code is not right, or was used already. Type the six digits your app shows now."
                            : e.getMessage());
            return turnOffPage(caller.get(), model);
        }
    }

    /**
     * The user the browser is signed in as, acting as itself, with the page's context in the model; empty when the
     * browser must sign in first.
     */
    private Optional<Caller> signedIn(
            String next, Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<BrowserSession> session = sessions.current(request);
        Optional<Caller> caller = session.flatMap(signIn::callerFor);
        if (caller.isPresent()) {
            context.describe(next, model, response);
            context.brand(session.get().organizationId(), model);
        }
        return caller;
    }

    private String enrollment(Caller caller, Model model) {
        model.addAttribute("enrollment", mfa.enroll(caller));
        return "mfa-enroll";
    }

    private String turnOffPage(Caller caller, Model model) {
        model.addAttribute("required", organizations.mfaRequired(new OrganizationId(caller.organizationId())));
        return "mfa-turn-off";
    }

    private boolean enabled(Caller caller) {
        return users.findCandidate(new UserId(caller.keyId()))
                .map(SignInCandidate::mfaEnabled)
                .orElse(false);
    }

    /** A browser without a session signs in first, and comes back here after. */
    private static String signInFirst(String next, HttpServletResponse response) {
        return SignInPageController.redirect(
                response, "/login?continue=" + URLEncoder.encode(setupPath(next), StandardCharsets.UTF_8));
    }

    private static String setupPath(String next) {
        String target = BrowserSessions.continueTarget(next);
        return target.equals("/login")
                ? SETUP
                : SETUP + "?continue=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }
}
