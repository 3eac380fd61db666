package dev.roster.console;

import dev.roster.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every console page shares: the signed-in member's navigation, the redirect to the sign-in for a browser
 * without a session, and a service's problem shown as a page with its HTTP status (before the API's problem+json
 * handler, which would answer a browser with JSON).
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    private final ConsoleAssets assets;
    private final ConsoleCallers callers;
    private final Times times;

    ConsoleAdvice(ConsoleAssets assets, ConsoleCallers callers, Times times) {
        this.assets = assets;
        this.callers = callers;
        this.times = times;
    }

    @ModelAttribute("assets")
    ConsoleAssets assets() {
        return assets;
    }

    /** How pages show an instant: {@code fragments/console :: at(...)}. */
    @ModelAttribute("times")
    Times times() {
        return times;
    }

    /** The signed-in member's (or operator's) navigation; none on a page without a session, such as a sign-in. */
    @ModelAttribute("nav")
    Nav nav(HttpServletRequest request) {
        return callers.current(request)
                .map(caller -> Nav.of(caller, request.getRequestURI()))
                .orElse(null);
    }

    @ExceptionHandler(SignInRequired.class)
    void signIn(SignInRequired required, HttpServletResponse response) {
        redirect(
                response,
                required.signInPage() + "?continue="
                        + URLEncoder.encode(required.continuePath(), StandardCharsets.UTF_8));
    }

    @ExceptionHandler(ProblemException.class)
    String problem(ProblemException problem, HttpServletRequest request, HttpServletResponse response, Model model) {
        return show(problem, request, response, model);
    }

    /** A path id that is no id at all names nothing, as the API says. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String mismatch(HttpServletRequest request, HttpServletResponse response, Model model) {
        return show(ProblemException.notFound("Page"), request, response, model);
    }

    /** Renders the problem page: status, code, detail and each field's error. */
    private String show(
            ProblemException problem, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(problem.status().value());
        model.addAttribute("assets", assets);
        model.addAttribute("times", times);
        model.addAttribute("problem", Problem.of(problem));
        ConsoleCallers.cached(request)
                .ifPresent(caller -> model.addAttribute("nav", Nav.of(caller, request.getRequestURI())));
        return "console/problem";
    }

    /** A 303 See Other: after a form, the browser GETs the page it is sent to. */
    static String redirect(HttpServletResponse response, String target) {
        response.setStatus(HttpStatus.SEE_OTHER.value());
        response.setHeader(HttpHeaders.LOCATION, target);
        return null;
    }
}
