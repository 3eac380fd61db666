package dev.roster.shared;

import dev.roster.shared.database.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure in a controller into a problem+json response (or the error body of the compatibility
 * surface the path belongs to); never leaks a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Problems problems;

    ProblemHandler(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> handleProblem(ProblemException ex, HttpServletRequest request) {
        ProblemDetail problem =
                problems.build(ex.status(), ex.code(), ex.getMessage(), ex.errors(), ex.properties(), request);
        Object retryAfter = ex.properties().get(ProblemException.RETRY_AFTER);
        HttpHeaders headers = new HttpHeaders();
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, retryAfter.toString());
        }
        return problems.respond(problem, headers);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
        if (ex.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
            return respond(problems.build(HttpStatus.NOT_FOUND, "not_found", "No such resource.", request));
        }
        return respond(invalid(List.of(new FieldViolation(ex.getName(), "has an invalid value")), request));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, HttpServletRequest request) {
        return respond(problems.build(HttpStatus.FORBIDDEN, "forbidden", "Access denied.", request));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleIntegrity(DataIntegrityViolationException ex, HttpServletRequest request) {
        log.warn("Integrity violation not mapped by a feature", ex);
        return respond(problems.build(
                HttpStatus.CONFLICT, "conflict", "The change conflicts with the current state.", request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
        if (DatabaseUnavailable.causes(ex)) {
            log.warn("Database unavailable: {}", ex.toString());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            return problems.respond(
                    problems.build(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "database_unavailable",
                            DatabaseUnavailable.DETAIL,
                            request),
                    headers);
        }
        log.error("Unexpected failure", ex);
        return respond(problems.build(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal_error",
                "Something went wrong on our side; quote the requestId when reporting it.",
                request));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldViolation(e.getField(), e.getDefaultMessage()))
                .toList();
        return respond(invalid(errors, servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(e -> new FieldViolation(r.getMethodParameter().getParameterName(), e.getDefaultMessage())))
                .toList();
        return respond(invalid(errors, servletRequest(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest http = servletRequest(request);
        Throwable cause = ex.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
                return respond(
                        problems.build(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", tooLarge.getMessage(), http));
            }
            if (t instanceof ProblemException problem) {
                return handleProblem(problem, http);
            }
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = fieldPath(unknown);
            return respond(problems.build(
                    HttpStatus.BAD_REQUEST,
                    "unknown_field",
                    "The request has a field this endpoint does not accept: " + field + ".",
                    List.of(new FieldViolation(field, "is not a known field")),
                    Map.of(),
                    http));
        }
        if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            return respond(invalid(List.of(new FieldViolation(fieldPath(mismatch), "has the wrong type")), http));
        }
        String detail = cause instanceof JacksonException || cause == null
                ? "The request body is not valid JSON."
                : "The request body could not be read.";
        return respond(problems.build(HttpStatus.BAD_REQUEST, "malformed_json", detail, http));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                body instanceof ProblemDetail given ? given : ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        problems.decorate(problem, Problems.codeFor(status), servletRequest(request));
        return problems.respond(problem, headers);
    }

    private ProblemDetail invalid(List<FieldViolation> errors, HttpServletRequest request) {
        return problems.build(
                HttpStatus.BAD_REQUEST,
                "validation_failed",
                "The request has invalid fields.",
                errors,
                Map.of(),
                request);
    }

    private ResponseEntity<Object> respond(ProblemDetail problem) {
        return problems.respond(problem);
    }

    private static String fieldPath(MismatchedInputException ex) {
        StringBuilder path = new StringBuilder();
        for (var ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }
}
