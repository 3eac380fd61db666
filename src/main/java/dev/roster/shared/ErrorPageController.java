package dev.roster.shared;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}): failures that never reached a controller (a filter's exception, an
 * unparsable request) still answer as problem+json, or in the dialect of the surface the original path belongs to.
 */
@RestController
@Hidden
class ErrorPageController implements ErrorController {

    private final Problems problems;

    ErrorPageController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
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
}
