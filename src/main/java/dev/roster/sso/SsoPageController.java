package dev.roster.sso;

import dev.roster.auth.BrowserSessions;
import dev.roster.shared.RosterProperties;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The browser's side of SSO sign-in: {@code /sso/start} sends it to the provider with a cookie that binds the
 * sign-in to this browser; {@code /sso/oidc/callback} checks what the provider sent back and ends in a Roster
 * session, or in a page that says what went wrong and what to do.
 */
@Controller
@Hidden
class SsoPageController {

    private static final Duration COOKIE_LIFETIME = Duration.ofMinutes(10);

    private final SsoSignInService signIn;
    private final BrowserSessions sessions;
    private final boolean secure;
    private final String cookieName;

    SsoPageController(SsoSignInService signIn, BrowserSessions sessions, RosterProperties properties) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.secure = properties.publicUrl().startsWith("https://");
        this.cookieName = (secure ? "__Host-" : "") + "roster_sso";
    }

    @GetMapping("/sso/start")
    String start(
            @RequestParam(required = false) String provider,
            @RequestParam(name = "continue", required = false) String continueUrl,
            @RequestParam(name = "login_hint", required = false) String loginHint,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        UUID providerId;
        try {
            providerId = UUID.fromString(String.valueOf(provider));
        } catch (IllegalArgumentException e) {
            return problem(
                    new SsoFailure(SsoFailure.Reason.PROVIDER_UNAVAILABLE, "not a provider id"), response, model);
        }
        try {
            SsoSignInService.Started started = signIn.start(providerId, continueUrl, loginHint, cookie(request));
            response.addHeader(HttpHeaders.SET_COOKIE, cookie(started.browserToken(), COOKIE_LIFETIME));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            return redirect(response, started.redirect().toString());
        } catch (SsoFailure failure) {
            return problem(failure, response, model);
        }
    }

    @GetMapping("/sso/oidc/callback")
    String callback(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String error,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try {
            SsoSignInService.SignedIn signedIn = signIn.finish(state, code, error, cookie(request));
            sessions.start(signedIn.user(), signedIn.organization(), "sso", request, response);
            return redirect(response, BrowserSessions.continueTarget(signedIn.continueTo()));
        } catch (SsoFailure failure) {
            return problem(failure, response, model);
        }
    }

    /** A 303 with the Location as given: a path on Roster stays relative, whatever host the request came through. */
    private static String redirect(HttpServletResponse response, String target) {
        response.setStatus(HttpStatus.SEE_OTHER.value());
        response.setHeader(HttpHeaders.LOCATION, target);
        return null;
    }

    private String problem(SsoFailure failure, HttpServletResponse response, Model model) {
        SsoFailure.Reason reason = failure.reason();
        response.setStatus(status(reason).value());
        model.addAttribute("reason", reason.code());
        model.addAttribute("advice", reason.advice());
        return "sso-problem";
    }

    private static HttpStatus status(SsoFailure.Reason reason) {
        return switch (reason) {
            case IDP_UNAVAILABLE -> HttpStatus.BAD_GATEWAY;
            case BAD_STATE, IDP_ERROR, PROVIDER_UNAVAILABLE -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.FORBIDDEN;
        };
    }

    private String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(cookieName)) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** SameSite=Lax: the callback is a top-level navigation from the provider's site, which Lax cookies go with. */
    private String cookie(String value, Duration lifetime) {
        return ResponseCookie.from(cookieName, value)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .maxAge(lifetime)
                .build()
                .toString();
    }
}
