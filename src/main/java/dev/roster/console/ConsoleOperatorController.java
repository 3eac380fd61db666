package dev.roster.console;

import dev.roster.auth.BrowserSessions;
import dev.roster.auth.OperatorSessions;
import dev.roster.shared.Caller;
import dev.roster.shared.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's sign-in and sign-out: the platform operator (platform key) or a partner (partner key) types the key
 * once and the browser gets a session that stands for it ({@link OperatorSessions}); the key is never kept, shown
 * again or put in a URL.
 */
@Controller
@Hidden
class ConsoleOperatorController {

    static final String HOME = ConsoleCallers.OPERATOR + "organizations";
    private static final String SIGN_IN = ConsoleCallers.OPERATOR + "sign-in";

    private final OperatorSessions operators;

    ConsoleOperatorController(OperatorSessions operators) {
        this.operators = operators;
    }

    @GetMapping("/console/operator")
    String start(Caller caller, HttpServletResponse response) {
        return ConsoleAdvice.redirect(response, HOME);
    }

    @GetMapping(SIGN_IN)
    String signInPage(
            @RequestParam(name = "continue", required = false) String next,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (operators.current(request).isPresent()) {
            return ConsoleAdvice.redirect(response, target(next));
        }
        model.addAttribute("next", target(next));
        return "console/operator-sign-in";
    }

    /** Exchanges the key for a session; a key that is not a live platform or partner key is 401, the form again. */
    @PostMapping(SIGN_IN)
    String signIn(
            @RequestParam(required = false) String key,
            @RequestParam(name = "continue", required = false) String next,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            operators.signIn(key, request, response);
            return ConsoleAdvice.redirect(response, target(next));
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("problem", Problem.of(e));
            model.addAttribute("next", target(next));
            return "console/operator-sign-in";
        }
    }

    @PostMapping(ConsoleCallers.OPERATOR + "sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        operators.signOut(request, response);
        return ConsoleAdvice.redirect(response, SIGN_IN);
    }

    /** Where a sign-in goes on: an operator page it was sent from, else the organizations. */
    private static String target(String next) {
        String safe = BrowserSessions.continueTarget(next);
        return safe.startsWith(ConsoleCallers.OPERATOR) && !safe.startsWith(SIGN_IN) ? safe : HOME;
    }
}
