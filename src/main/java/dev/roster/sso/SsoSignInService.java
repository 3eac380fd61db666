package dev.roster.sso;

import dev.roster.auth.BrowserSessions;
import dev.roster.auth.Secrets;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.RosterProperties;
import dev.roster.shared.UserId;
import dev.roster.shared.secret.SecretBox;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Signing in through an organization's OpenID Connect provider: the authorization code flow with PKCE (S256), a
 * single-use state bound to the provider and to the browser (a cookie whose hash is kept with it) and a nonce.
 * {@link #start} makes the provider's URL; {@link #finish} checks what comes back, decides who signs in
 * ({@link SsoAccounts}) and re-applies groupRoles. Every refusal is audited with its reason, then thrown.
 */
@Service
public class SsoSignInService {

    /** A started sign-in: where to send the browser, and the value of the cookie that binds it to the state. */
    public record Started(URI redirect, String browserToken) {}

    /** A finished sign-in: who signed in, and where the browser goes next. */
    public record SignedIn(UserId user, OrganizationId organization, String continueTo) {}

    private final JdbcSsoProviderRepository providers;
    private final JdbcSsoStateRepository states;
    private final ProviderMetadata metadata;
    private final IdTokenVerifier verifier;
    private final IssuerClient client;
    private final DomainService domains;
    private final SsoAccounts accounts;
    private final GroupRoleSync groupRoles;
    private final SsoAudit audit;
    private final Secrets secrets;
    private final SecretBox box;
    private final SsoProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String redirectUri;

    SsoSignInService(
            JdbcSsoProviderRepository providers,
            JdbcSsoStateRepository states,
            ProviderMetadata metadata,
            IdTokenVerifier verifier,
            IssuerClient client,
            DomainService domains,
            SsoAccounts accounts,
            GroupRoleSync groupRoles,
            SsoAudit audit,
            Secrets secrets,
            SecretBox box,
            SsoProperties properties,
            ApplicationEventPublisher events,
            TransactionTemplate transaction,
            Clock clock,
            RosterProperties roster) {
        this.providers = providers;
        this.states = states;
        this.metadata = metadata;
        this.verifier = verifier;
        this.client = client;
        this.domains = domains;
        this.accounts = accounts;
        this.groupRoles = groupRoles;
        this.audit = audit;
        this.secrets = secrets;
        this.box = box;
        this.properties = properties;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
        this.redirectUri = callbackUrl(roster.publicUrl());
    }

    /** Roster's redirect URI, to register at the provider: {@code <ROSTER_PUBLIC_URL>/sso/oidc/callback}. */
    public static String callbackUrl(String publicUrl) {
        return (publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl)
                + "/sso/oidc/callback";
    }

    /**
     * Starts a sign-in with the provider: stores a state (10 minutes, single use) bound to the browser token, and
     * returns the provider's authorization URL. A browser token the browser already holds is kept, so that sign-ins
     * in two tabs do not undo each other. Fails with {@link SsoFailure} (audited) when the provider is unknown,
     * disabled or unreachable.
     *
     * @param continueUrl where to go after signing in; only a path on Roster is kept ({@link
     *     BrowserSessions#continueTarget})
     * @param loginHint the email the person gave, passed on to the provider
     */
    public Started start(UUID providerId, String continueUrl, String loginHint, String browserToken) {
        SsoProvider provider = providers
                .find(providerId)
                .filter(p -> p.enabled() && "oidc".equals(p.protocol()) && p.clientId() != null)
                .orElse(null);
        try {
            if (provider == null) {
                throw new SsoFailure(SsoFailure.Reason.PROVIDER_UNAVAILABLE, "unknown or disabled provider");
            }
            ProviderMetadata.Discovery discovery = metadata.discovery(provider.issuer());
            String browser = browserToken != null && browserToken.length() == 43 ? browserToken : secrets.newToken("");
            String state = secrets.newToken("");
            String nonce = secrets.newToken("");
            String codeVerifier = secrets.newToken("");
            states.insert(
                    secrets.hash(state),
                    new JdbcSsoStateRepository.State(
                            secrets.hash(browser),
                            provider.organizationId(),
                            provider.id(),
                            nonce,
                            box.seal(codeVerifier),
                            BrowserSessions.continueTarget(continueUrl),
                            clock.instant().plus(properties.stateLifetime()),
                            false));
            return new Started(
                    AuthorizationRequest.uri(
                            discovery.authorizationEndpoint(),
                            provider,
                            redirectUri,
                            state,
                            nonce,
                            Pkce.challenge(codeVerifier),
                            loginHint),
                    browser);
        } catch (SsoFailure failure) {
            audit.failed(provider == null ? null : provider.organizationId(), providerId, null, failure);
            throw failure;
        }
    }

    /**
     * Finishes a sign-in with what the provider sent back to the callback, and the browser's token. The state is
     * spent whatever happens next. Returns who signed in; fails with {@link SsoFailure}, audited, otherwise.
     *
     * @param error the provider's {@code error} parameter, when it refused
     */
    public SignedIn finish(String state, String code, String error, String browserToken) {
        JdbcSsoStateRepository.State started = state == null || state.length() > 100
                ? null
                : states.take(secrets.hash(state)).orElse(null);
        if (started == null) {
            SsoFailure failure = new SsoFailure(SsoFailure.Reason.BAD_STATE, "unknown or spent state");
            audit.failed(null, null, null, failure);
            throw failure;
        }
        String[] email = {null};
        try {
            checkBrowser(started, browserToken);
            SsoProvider provider = providers
                    .find(started.organizationId(), started.providerId())
                    .filter(SsoProvider::enabled)
                    .orElseThrow(() -> new SsoFailure(SsoFailure.Reason.PROVIDER_UNAVAILABLE, "provider disabled"));
            if (error != null || code == null) {
                throw new SsoFailure(SsoFailure.Reason.IDP_ERROR, "the provider answered with an error");
            }
            IdTokenVerifier.Identity who = identity(provider, started, code);
            email[0] = who.email();
            if (!domains.isVerified(provider.organizationId(), who.email())) {
                throw new SsoFailure(SsoFailure.Reason.FOREIGN_DOMAIN, "email outside the verified domains");
            }
            UserId user = transaction.execute(status -> signIn(provider, who));
            return new SignedIn(user, provider.organizationId(), started.continueUrl());
        } catch (SsoFailure failure) {
            audit.failed(started.organizationId(), started.providerId(), email[0], failure);
            throw failure;
        }
    }

    private void checkBrowser(JdbcSsoStateRepository.State started, String browserToken) {
        if (started.spentBefore()) {
            throw new SsoFailure(SsoFailure.Reason.BAD_STATE, "state used already");
        }
        boolean sameBrowser =
                browserToken != null && MessageDigest.isEqual(secrets.hash(browserToken), started.browserHash());
        if (!sameBrowser) {
            throw new SsoFailure(SsoFailure.Reason.BAD_STATE, "state from another browser");
        }
        if (!started.expiresAt().isAfter(clock.instant())) {
            throw new SsoFailure(SsoFailure.Reason.BAD_STATE, "state expired");
        }
    }

    /** Redeems the code (with the PKCE verifier) and verifies the ID token that comes back. */
    private IdTokenVerifier.Identity identity(SsoProvider provider, JdbcSsoStateRepository.State started, String code) {
        ProviderMetadata.Discovery discovery = metadata.discovery(provider.issuer());
        String secret = providers
                .sealedClientSecret(provider.organizationId(), provider.id())
                .map(box::open)
                .orElse(null);
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", box.open(started.sealedVerifier()));
        if (secret == null) {
            form.put("client_id", provider.clientId());
        }
        JsonNode tokens;
        try {
            tokens = client.post(discovery.tokenEndpoint(), form, provider.clientId(), secret);
        } catch (SsoFailure failure) {
            metadata.forget(provider.issuer());
            throw failure;
        }
        String idToken = tokens.path("id_token").asString(null);
        if (idToken == null) {
            throw new SsoFailure(SsoFailure.Reason.BAD_TOKEN, "no id_token in the token answer");
        }
        return verifier.verify(idToken, provider, discovery, started.nonce());
    }

    private UserId signIn(SsoProvider provider, IdTokenVerifier.Identity who) {
        SsoAccounts.Resolved resolved = accounts.resolve(provider, who);
        groupRoles.apply(provider, resolved.user(), who.groups());
        accounts.recordSignIn(resolved.user());
        events.publishEvent(new ChangeMade(
                provider.organizationId(),
                "user:" + resolved.user(),
                "sso.signed_in",
                "user",
                resolved.user().toString(),
                new Changes()
                        .set("providerId", provider.id().toString())
                        .set("via", resolved.via())
                        .asMap()));
        return resolved.user();
    }
}
