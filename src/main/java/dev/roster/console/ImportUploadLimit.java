package dev.roster.console;

import dev.roster.auth.PagePolicy;
import dev.roster.shared.ProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The import form's refusal of a file too large to take, as a page. The form's routes take bodies up to {@link
 * ImportForm#MAX_BODY_BYTES} (their {@code LargeBody} beans in {@link ConsoleConfiguration}); a larger one is refused
 * here, before {@code BodySizeLimitFilter} would answer it with the API's problem+json, with the console's own 413
 * page. The body is read and thrown away first (up to {@link #DRAINED_BYTES}), because a browser that is still
 * sending a file when the connection closes shows a network error instead of the answer; nothing of it is kept.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ImportUploadLimit extends OncePerRequestFilter {

    /** The routes of the import form that carry the file. */
    static final Set<String> PATHS = Set.of("/console/imports", "/console/imports/check");

    /**
     * The most of a refused body read before answering; beyond it the connection is closed unread. This runs before
     * the sign-in check, so it is kept to twice the form's own limit: enough for the file a person picked by mistake
     * to get its page, not a sink for anyone's traffic.
     */
    static final long DRAINED_BYTES = 2 * ImportForm.MAX_BODY_BYTES;

    private final ITemplateEngine templates;
    private final ConsoleAssets assets;

    ImportUploadLimit(ITemplateEngine templates, ConsoleAssets assets) {
        this.templates = templates;
        this.assets = assets;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod())
                || !PATHS.contains(request.getRequestURI())
                || request.getContentLengthLong() <= ImportForm.MAX_BODY_BYTES;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() <= DRAINED_BYTES) {
            drain(request.getInputStream());
        }
        WebContext page = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
                .buildExchange(request, response));
        ProblemException tooLarge = ImportForm.tooLarge();
        page.setVariables(Map.of("assets", assets, "problem", Problem.of(tooLarge)));
        response.setStatus(tooLarge.status().value());
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        response.setHeader("Content-Security-Policy", PagePolicy.CONSOLE);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.CONNECTION, "close");
        templates.process("console/problem", page, response.getWriter());
    }

    private static void drain(InputStream body) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        int n;
        while (read <= DRAINED_BYTES && (n = body.read(buffer)) >= 0) {
            read += n;
        }
    }
}
