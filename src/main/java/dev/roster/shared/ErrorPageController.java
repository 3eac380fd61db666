package dev.roster.shared;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The container's error page ({@code /error}): failures that never reached a controller (a filter's exception, an
 * unparsable request) still answer as problem+json, or in the dialect of the surface the original path belongs to.
 */
@RestController
@Hidden
class ErrorPageController implements ErrorController {

    /** Where a person's browser, not a program, meets the error: it gets a page, not problem+json. */
    private static final List<String> BROWSER_PATHS = List.of("/oauth2/authorize", "/connect/logout");

    private final Problems problems;
    private final ITemplateEngine templates;

    ErrorPageController(Problems problems, ITemplateEngine templates) {
        this.problems = problems;
        this.templates = templates;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object requested = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (requested != null && BROWSER_PATHS.contains(requested.toString())) {
            return page(request);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError()
                ? "Something went wrong on our side; quote the requestId when reporting it."
                : status.getReasonPhrase() + ".";
        ProblemDetail problem = problems.build(status, Problems.codeFor(status), detail, request);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            problem.setProperty("path", uri.toString());
        }
        return problems.respond(problem);
    }

    /**
     * The page of a sign-in request that cannot go back to its application (an unknown client, a redirect URI that
     * is not registered): what was wrong, and what to do.
     */
    private ResponseEntity<Object> page(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 400;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        Context context = new Context(request.getLocale());
        context.setVariable("detail", message == null || message.toString().isBlank() ? null : message.toString());
        context.setVariable("requestId", RequestIdFilter.current(request));
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(templates.process("sign-in-problem", context));
    }
}
