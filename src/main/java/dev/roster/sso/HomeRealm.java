package dev.roster.sso;

import dev.roster.auth.BrowserSessions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Home-realm discovery for the sign-in page: an email whose domain an organization has verified, and whose
 * organization has an enabled OpenID Connect provider, signs in there.
 */
@Service
public class HomeRealm {

    private final DomainService domains;
    private final JdbcSsoProviderRepository providers;

    HomeRealm(DomainService domains, JdbcSsoProviderRepository providers) {
        this.domains = domains;
        this.providers = providers;
    }

    /**
     * The {@code /sso/start} URL for the email (its provider, the email as {@code login_hint}, and where to continue),
     * or empty when its domain is verified by no organization or that organization has no usable provider (the
     * oldest enabled one with a client id is used).
     */
    @Transactional(readOnly = true)
    public Optional<String> startUrlFor(String email, String continueUrl) {
        return domains.verifiedOwner(email)
                .flatMap(org -> providers.enabled(org).stream()
                        .filter(p -> p.clientId() != null)
                        .findFirst())
                .map(provider -> "/sso/start?provider=" + provider.id() + "&login_hint=" + encode(email.strip())
                        + "&continue=" + encode(BrowserSessions.continueTarget(continueUrl)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
