package dev.roster.sso;

import dev.roster.auth.BrowserSessions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Home-realm discovery for the sign-in page: an email whose domain an organization has verified, and whose
 * organization has an enabled OpenID Connect provider, signs in there; with a password too unless the domain
 * requires SSO.
 */
@Service
public class HomeRealm {

    /**
     * Where an email signs in.
     *
     * @param startUrl the {@code /sso/start} URL of its organization's provider
     * @param passwordAllowed whether the person may use a password instead (the domain does not require SSO)
     */
    public record Route(String startUrl, boolean passwordAllowed) {}

    private final DomainService domains;
    private final JdbcSsoProviderRepository providers;

    HomeRealm(DomainService domains, JdbcSsoProviderRepository providers) {
        this.domains = domains;
        this.providers = providers;
    }

    /**
     * Where the email signs in: the {@code /sso/start} URL of its provider (with the email as {@code login_hint}, and
     * where to continue) and whether a password is allowed instead; empty when its domain is verified by no
     * organization or that organization has no usable provider (the oldest enabled one with a client id is used).
     */
    @Transactional(readOnly = true)
    public Optional<Route> routeFor(String email, String continueUrl) {
        return domains.verifiedOwner(email)
                .flatMap(org -> providers.enabled(org).stream()
                        .filter(p -> p.clientId() != null)
                        .findFirst()
                        .map(provider -> new Route(
                                "/sso/start?provider=" + provider.id() + "&login_hint=" + encode(email.strip())
                                        + "&continue=" + encode(BrowserSessions.continueTarget(continueUrl)),
                                !domains.requiresSso(org, email))));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
