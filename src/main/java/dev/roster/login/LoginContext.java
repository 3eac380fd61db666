package dev.roster.login;

import dev.roster.auth.BrowserSessions;
import dev.roster.oidc.Application;
import dev.roster.oidc.ApplicationService;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.OrganizationId;
import dev.roster.user.SignInCandidate;
import dev.roster.user.UserService;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
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

    /** Puts {@code continue} (only when safe) and the asking application's name into the page's model. */
    void describe(String next, Model model) {
        String target = BrowserSessions.continueTarget(next);
        if (!target.equals("/login")) {
            model.addAttribute("continue", target);
        }
        application(next).ifPresent(app -> model.addAttribute("applicationName", app.name()));
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
            String clientId = UriComponentsBuilder.fromUriString(target)
                    .build()
                    .getQueryParams()
                    .getFirst("client_id");
            return applications.findByClientId(clientId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
