package dev.roster.login;

import dev.roster.shared.ProblemException;
import dev.roster.shared.RosterProperties;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The forgot-password and reset pages. The emailed link's token is moved at once into a cookie (HttpOnly, only for
 * {@code /login/reset}) and the browser is sent on to the page without it, so that the token stays out of the
 * address bar, the history and any referrer. The cookie is SameSite=Lax, not Strict: the link is opened from a mail
 * client, another site, and a Strict cookie set there would not come with the redirect that follows; Lax still
 * keeps it from a form another site posts.
 */
@Controller
@Hidden
class PasswordResetPageController {

    static final String COOKIE = "roster_reset";

    private final PasswordResetService resets;
    private final boolean secure;

    PasswordResetPageController(PasswordResetService resets, RosterProperties properties) {
        this.resets = resets;
        this.secure = properties.publicUrl().startsWith("https://");
    }

    @GetMapping("/login/forgot")
    String forgot() {
        return "forgot";
    }

    @PostMapping("/login/forgot")
    String ask(@RequestParam(required = false) String email, Model model, HttpServletResponse response) {
        try {
            resets.request(email);
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("email", email);
            model.addAttribute("error", "Give the email you sign in with.");
            return "forgot";
        }
        model.addAttribute("sent", PasswordResetController.SENT);
        return "forgot";
    }

    @GetMapping(value = "/login/reset", params = "token")
    String takeToken(@RequestParam String token, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(token, Duration.ofMinutes(60)));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return "redirect:/login/reset";
    }

    @GetMapping("/login/reset")
    String show(@CookieValue(name = COOKIE, required = false) String token, Model model, HttpServletResponse response) {
        try {
            resets.check(token);
        } catch (ProblemException e) {
            return problem(e, model, response);
        }
        return "reset";
    }

    @PostMapping("/login/reset")
    String reset(
            @CookieValue(name = COOKIE, required = false) String token,
            @RequestParam(required = false) String password,
            @RequestParam(required = false) String confirmation,
            Model model,
            HttpServletResponse response) {
        if (password == null || !password.equals(confirmation)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "The two passwords are not the same.");
            return "reset";
        }
        try {
            resets.complete(token, password);
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                return problem(e, model, response);
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute(
                    "error",
                    e.errors().isEmpty()
                            ? e.getMessage()
                            : "The password " + e.errors().get(0).message() + ".");
            return "reset";
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO));
        model.addAttribute("done", true);
        return "reset";
    }

    private static String problem(ProblemException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("problem", e.getMessage());
        return "reset";
    }

    private String cookie(String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .path("/login/reset")
                .maxAge(maxAge)
                .build()
                .toString();
    }
}
