package dev.roster.login;

import dev.roster.auth.PasswordChangeService;
import dev.roster.auth.SignInRequest;
import dev.roster.auth.SignInResult;
import dev.roster.auth.SignInService;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.ProblemException;
import dev.roster.shared.UserId;
import dev.roster.user.UserService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page, including the first sign-in of a user invited with a temporary password. */
@Controller
@Hidden
class SignInPageController {

    private final SignInService signIn;
    private final PasswordChangeService passwordChange;
    private final UserService users;
    private final OrganizationService organizations;

    SignInPageController(
            SignInService signIn,
            PasswordChangeService passwordChange,
            UserService users,
            OrganizationService organizations) {
        this.signIn = signIn;
        this.passwordChange = passwordChange;
        this.users = users;
        this.organizations = organizations;
    }

    @GetMapping("/login")
    String show() {
        return "login";
    }

    @PostMapping("/login")
    String signIn(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String password,
            Model model,
            HttpServletResponse response) {
        try {
            return outcome(signIn.signIn(new SignInRequest("password", email, password, null, null)), model);
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("email", email);
            model.addAttribute("error", e.getMessage());
            return "login";
        }
    }

    @PostMapping("/login/password")
    String changePassword(
            @RequestParam(required = false) String challengeToken,
            @RequestParam(required = false) String newPassword,
            @RequestParam(required = false) String confirmation,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("challengeToken", challengeToken);
        if (newPassword == null || !newPassword.equals(confirmation)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "The two passwords are not the same.");
            return "change-password";
        }
        try {
            return outcome(passwordChange.withChallenge(challengeToken, newPassword), model);
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
            Model model,
            HttpServletResponse response) {
        try {
            return signedIn(
                    signIn.withSecondFactor(challengeToken, blankToNull(code), blankToNull(recoveryCode)), model);
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
            Model model,
            HttpServletResponse response) {
        try {
            SignInResult result = signIn.confirmEnrollment(challengeToken, blankToNull(code));
            model.addAttribute("recoveryCodes", result.recoveryCodes());
            return signedIn(result, model);
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                return startOver(e, model, response);
            }
            response.setStatus(e.status().value());
            model.addAttribute("error", "That code is not right. Type the six digits your app shows now.");
            return enrollment(challengeToken, model);
        }
    }

    /** Where a step that proved something leads: the next challenge, or the signed-in page. */
    private String outcome(SignInResult result, Model model) {
        return result.challengeToken() != null ? challenge(result, model) : signedIn(result, model);
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
        model.addAttribute("enrollment", signIn.enrollWithChallenge(challengeToken));
        return "mfa-enroll";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private String signedIn(SignInResult result, Model model) {
        Caller caller = signIn.authenticate(result.accessToken()).orElseThrow();
        OrganizationId org = new OrganizationId(caller.organizationId());
        model.addAttribute("user", users.find(org, new UserId(caller.keyId())));
        model.addAttribute("organizationName", organizations.name(org));
        return "signed-in";
    }
}
