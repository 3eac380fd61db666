package dev.roster.login;

import dev.roster.auth.BrowserSessions;
import dev.roster.auth.PagePolicy;
import dev.roster.oidc.Application;
import dev.roster.oidc.ApplicationService;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.OrganizationId;
import dev.roster.user.SignInCandidate;
import dev.roster.user.UserService;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the sign-in pages know about the sign-in in progress: where it continues to (a safe path on Roster, or
 * nothing), the application that asked for it, and the organizations a person may pick.
 */
@Component
class LoginContext {

    /** An organization offered on the password step. */
    record Choice(OrganizationId id, String name) {}

    static final String AUTHORIZE = "/oauth2/authorize";

    private final ApplicationService applications;
    private final UserService users;
    private final OrganizationService organizations;

    LoginContext(ApplicationService applications, UserService users, OrganizationService organizations) {
        this.applications = applications;
        this.users = users;
        this.organizations = organizations;
    }

    /**
     * Puts {@code continue} (only when safe) and the asking application's name into the page's model. When the
     * sign-in continues to an authorization request for one of the application's registered redirect URIs, the
     * page's forms may end at that URI's origin (a browser applies form-action to the redirects after a form).
     */
    void describe(String next, Model model, HttpServletResponse response) {
        String target = BrowserSessions.continueTarget(next);
        if (!target.equals("/login")) {
            model.addAttribute("continue", target);
        }
        application(next).ifPresent(app -> {
            model.addAttribute("applicationName", app.name());
            if (app.organizationIds() != null && app.organizationIds().size() == 1) {
                brand(new OrganizationId(app.organizationIds().get(0)), model);
            }
            String redirectUri = query(target).getFirst("redirect_uri");
            String decoded = redirectUri == null ? null : URLDecoder.decode(redirectUri, StandardCharsets.UTF_8);
            if (decoded != null && app.redirectUris().contains(decoded)) {
                URI uri = URI.create(decoded);
                String origin = uri.getScheme() + "://" + uri.getRawAuthority();
                response.setHeader("Content-Security-Policy", PagePolicy.allowingFormsTo(origin));
            }
        });
    }

    /** The organization's display name and logo, for the page's header. */
    void brand(OrganizationId organization, Model model) {
        organizations.branding(organization).ifPresent(branding -> {
            model.addAttribute("brandName", branding.displayName());
            model.addAttribute("brandLogo", branding.logoUrl());
        });
    }

    private static MultiValueMap<String, String> query(String target) {
        return UriComponentsBuilder.fromUriString(target).build().getQueryParams();
    }

    /**
     * The organizations whose users have this email and may use the asking application. Only asked once the
     * password was right for one of them, so that nobody learns where an email belongs without it.
     */
    List<Choice> organizationsFor(String email, String next) {
        Optional<Application> app = application(next);
        return users.findForSignIn(email).stream()
                .map(SignInCandidate::organizationId)
                .distinct()
                .filter(org -> app.map(a -> applications.admits(a, org)).orElse(true))
                .map(org -> new Choice(org, organizations.name(org)))
                .toList();
    }

    /** The live application whose authorization request the sign-in continues to, if it does. */
    private Optional<Application> application(String next) {
        String target = BrowserSessions.continueTarget(next);
        if (!target.startsWith(AUTHORIZE + "?")) {
            return Optional.empty();
        }
        try {
            String clientId = query(target).getFirst("client_id");
            return applications.findByClientId(clientId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
