package dev.roster.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.roster.auth.BrowserSessionContextRepository;
import dev.roster.auth.BrowserSessions;
import dev.roster.auth.MfaService;
import dev.roster.auth.OidcTokens;
import dev.roster.shared.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.DisableEncodeUrlFilter;

/**
 * Roster as an OpenID Connect provider, on Spring Security's authorization server: discovery, the authorization
 * code flow with PKCE, refresh tokens in families, userinfo, revocation, introspection, RP-initiated logout, and the
 * JWKS Roster already publishes. Clients are Roster's applications ({@link RosterClients}); authorizations and
 * consents live in PostgreSQL ({@link JdbcAuthorizationRepository}, {@link JdbcConsentRepository}); the signed-in
 * user is the hosted login's browser session. Access tokens are Roster's own JWTs with the application as audience,
 * so they work on Roster's API with the user's permissions.
 */
@Configuration(proxyBeanMethods = false)
class OidcProviderConfiguration {

    static final String AUTHORIZE = "/oauth2/authorize";
    static final String JWKS = "/.well-known/jwks.json";

    @Bean
    AuthorizationServerSettings authorizationServerSettings(OidcTokens tokens) {
        return AuthorizationServerSettings.builder()
                .issuer(tokens.issuer())
                .jwkSetEndpoint(JWKS)
                .build();
    }

    /**
     * The authorization server's view of sessions: Roster's browser sessions, so that the ID token's {@code sid}
     * names the browser session a sign-in came from, and logout checks it, on any node.
     */
    @Bean
    SessionRegistry sessionRegistry(BrowserSessions sessions) {
        return new BrowserSessionRegistry(sessions);
    }

    /**
     * The keys the authorization server publishes at {@code /.well-known/jwks.json}: Roster's signing keys, public
     * parts only (without this bean Boot would make a random key of its own).
     */
    @Bean
    JWKSource<SecurityContext> jwkSource(OidcTokens tokens) {
        return (selector, context) -> {
            try {
                return selector.select(JWKSet.parse(tokens.jwks()));
            } catch (ParseException e) {
                throw new IllegalStateException("Roster's JWK set does not parse", e);
            }
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain oidcProvider(
            HttpSecurity http,
            RosterClients clients,
            JdbcAuthorizationRepository authorizations,
            JdbcConsentRepository consents,
            BrowserSessionContextRepository sessions,
            BrowserSessions browserSessions,
            ApplicationService applications,
            OidcTokens tokens,
            OidcClaims claims,
            MfaService mfa)
            throws Exception {
        OAuth2TokenGenerator<OAuth2Token> generator = tokenGenerator(tokens, claims, applications);
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.registeredClientRepository(clients)
                    .authorizationService(authorizations)
                    .authorizationConsentService(consents)
                    .tokenGenerator(generator)
                    .clientAuthentication(client -> client.authenticationProviders(providers -> providers.forEach(p -> {
                        if (p instanceof ClientSecretAuthenticationProvider secrets) {
                            secrets.setPasswordEncoder(clients.secretMatcher());
                        }
                    })))
                    .authorizationEndpoint(authorize ->
                            authorize.authenticationProviders(providers -> providers.forEach(p -> {
                                if (p instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requests) {
                                    requests.setAuthenticationValidator(exactRedirectUri()
                                            .andThen(new OAuth2AuthorizationCodeRequestAuthenticationValidator())
                                            .andThen(admitted(applications)));
                                }
                            })))
                    .tokenIntrospectionEndpoint(introspection -> introspection.authenticationProviders(providers ->
                            providers.replaceAll(p -> p instanceof OAuth2TokenIntrospectionAuthenticationProvider
                                    ? new OwnTokensIntrospection(p)
                                    : p)))
                    .oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(context -> {
                                Map<String, Object> info = new LinkedHashMap<>();
                                info.put("sub", context.getAuthorization().getPrincipalName());
                                OidcClaims.userOf(context.getAuthorization()
                                                .getAttribute(java.security.Principal.class.getName()))
                                        .ifPresent(user -> info.putAll(claims.of(
                                                user, context.getAccessToken().getScopes())));
                                return new OidcUserInfo(info);
                            }))
                            .logoutEndpoint(logout -> logout.logoutResponseHandler(signOut(browserSessions)))
                            .providerConfigurationEndpoint(discovery -> discovery.providerConfigurationCustomizer(
                                    provider -> provider.tokenEndpointAuthenticationMethods(methods -> {
                                                // What Roster's applications use, not all the server could.
                                                methods.clear();
                                                methods.addAll(
                                                        List.of("client_secret_basic", "client_secret_post", "none"));
                                            })
                                            .grantTypes(grants -> {
                                                grants.clear();
                                                grants.addAll(List.of(
                                                        "authorization_code", "refresh_token", "client_credentials"));
                                            }))));
        });
        return http.addFilterBefore(new SessionlessRequests(browserSessions), DisableEncodeUrlFilter.class)
                .addFilterBefore(new MfaEnrollmentGate(browserSessions, mfa), DisableEncodeUrlFilter.class)
                .securityContext(context -> context.securityContextRepository(sessions))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.decoder(accessTokens(tokens))))
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, JWKS)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        (request, response, e) -> {
                            response.setStatus(HttpStatus.FOUND.value());
                            response.setHeader(HttpHeaders.LOCATION, loginFor(request));
                        },
                        PathPatternRequestMatcher.withDefaults().matcher(AUTHORIZE)))
                .build();
    }

    /** Where an authorization request without a signed-in browser goes: the hosted login, to come back after. */
    static String loginFor(HttpServletRequest request) {
        return "/login?continue=" + requested(request);
    }

    /** The request's path and query, encoded to go back to after a page of the hosted login. */
    static String requested(HttpServletRequest request) {
        String back =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return URLEncoder.encode(back, StandardCharsets.UTF_8);
    }

    /**
     * Redirect URIs match the registered ones as exact strings, with no allowance for another port on a loopback
     * address. A wrong one is answered on Roster's own error page, never by a redirect to it.
     */
    private static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> exactRedirectUri() {
        return context -> {
            OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
            String redirectUri = request.getRedirectUri();
            if (redirectUri != null
                    && !context.getRegisteredClient().getRedirectUris().contains(redirectUri)) {
                throw new OAuth2AuthorizationCodeRequestAuthenticationException(
                        new OAuth2Error(
                                OAuth2ErrorCodes.INVALID_REQUEST,
                                "OAuth 2.0 Parameter: " + OAuth2ParameterNames.REDIRECT_URI,
                                null),
                        new OAuth2AuthorizationCodeRequestAuthenticationToken(
                                request.getAuthorizationUri(),
                                request.getClientId(),
                                (Authentication) request.getPrincipal(),
                                null,
                                request.getState(),
                                request.getScopes(),
                                request.getAdditionalParameters()));
            }
        };
    }

    /** A signed-in user whose organization the application does not admit is sent back with access_denied. */
    private static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> admitted(
            ApplicationService applications) {
        return context -> {
            OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
            if (!(request.getPrincipal() instanceof BrowserSessionContextRepository.SessionAuthentication signedIn)) {
                return;
            }
            OrganizationId org = signedIn.session().organizationId();
            boolean admits = applications
                    .findByClientId(context.getRegisteredClient().getClientId())
                    .map(app -> applications.admits(app, org))
                    .orElse(false);
            if (!admits) {
                throw new OAuth2AuthorizationCodeRequestAuthenticationException(
                        new OAuth2Error(
                                OAuth2ErrorCodes.ACCESS_DENIED,
                                "Users of this organization may not sign in to this application.",
                                null),
                        request);
            }
        };
    }

    /** RP-initiated logout ends the browser session, then returns to the application's registered URI. */
    private static OidcLogoutAuthenticationSuccessHandler signOut(BrowserSessions sessions) {
        OidcLogoutAuthenticationSuccessHandler handler = new OidcLogoutAuthenticationSuccessHandler();
        handler.setLogoutHandler((request, response, authentication) -> sessions.end(request, response));
        return handler;
    }

    /**
     * Access tokens from Roster's own issuer (for the client's audience), ID tokens signed by Roster's keys with the
     * user's claims, and opaque refresh tokens.
     */
    private static OAuth2TokenGenerator<OAuth2Token> tokenGenerator(
            OidcTokens tokens, OidcClaims claims, ApplicationService applications) {
        JwtGenerator idTokens = new JwtGenerator(idTokenEncoder(tokens));
        idTokens.setJwtCustomizer(idTokenClaims(claims));
        OAuth2TokenGenerator<OAuth2AccessToken> accessTokens = context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return null;
            }
            RegisteredClient client = context.getRegisteredClient();
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                return applicationToken(tokens, applications, client, context.getAuthorizedScopes());
            }
            return OidcClaims.userOf(context.getPrincipal())
                    .flatMap(user -> tokens.accessTokenFor(user, client.getClientId(), context.getAuthorizedScopes()))
                    .map(token -> new ClaimedAccessToken(
                            token.value(),
                            token.issuedAt(),
                            token.expiresAt(),
                            context.getAuthorizedScopes(),
                            token.claims()))
                    .orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT));
        };
        return new DelegatingOAuth2TokenGenerator(accessTokens, idTokens, new OAuth2RefreshTokenGenerator());
    }

    /** The token of an application acting on its own, in the organization and with the role it was given. */
    private static OAuth2AccessToken applicationToken(
            OidcTokens tokens, ApplicationService applications, RegisteredClient client, Set<String> scopes) {
        Application app = applications
                .findByClientId(client.getClientId())
                .filter(found -> found.clientCredentials() != null)
                .orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT));
        OidcTokens.AccessToken token = tokens.accessTokenForApplication(
                app.id(),
                app.clientId(),
                new OrganizationId(app.clientCredentials().organizationId()),
                scopes);
        return new ClaimedAccessToken(token.value(), token.issuedAt(), token.expiresAt(), scopes, token.claims());
    }

    private static OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(OidcClaims claims) {
        return context -> {
            if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                return;
            }
            OidcClaims.userOf(context.getPrincipal())
                    .ifPresent(user -> context.getClaims()
                            .claims(all -> all.putAll(claims.of(user, context.getAuthorizedScopes()))));
        };
    }

    /** Signs ID tokens with the key that signs every Roster token. */
    private static JwtEncoder idTokenEncoder(OidcTokens tokens) {
        return parameters -> {
            Map<String, Object> claims = parameters.getClaims().getClaims();
            String value = tokens.signIdToken(claims);
            return Jwt.withTokenValue(value)
                    .header("alg", "RS256")
                    .header("typ", "JWT")
                    .claims(all -> all.putAll(claims))
                    .build();
        };
    }

    /** Reads an access token sent to userinfo: a Roster JWT, with its times as Instants. */
    private static JwtDecoder accessTokens(OidcTokens tokens) {
        return token -> tokens.verifyAccessToken(token)
                .map(claims -> {
                    Map<String, Object> typed = new LinkedHashMap<>(claims);
                    for (String time : Set.of("iat", "exp", "nbf")) {
                        if (typed.get(time) instanceof Number seconds) {
                            typed.put(time, Instant.ofEpochSecond(seconds.longValue()));
                        }
                    }
                    return Jwt.withTokenValue(token)
                            .header("alg", "RS256")
                            .claims(all -> all.putAll(typed))
                            .build();
                })
                .orElseThrow(() -> new BadJwtException("The access token is not valid."));
    }

    /** An access token that carries its claims, so that introspection can answer with them. */
    static final class ClaimedAccessToken extends OAuth2AccessToken implements ClaimAccessor {

        private final Map<String, Object> claims;

        ClaimedAccessToken(
                String value,
                Instant issuedAt,
                Instant expiresAt,
                Collection<String> scopes,
                Map<String, Object> claims) {
            super(TokenType.BEARER, value, issuedAt, expiresAt, Set.copyOf(scopes));
            this.claims = Map.copyOf(claims);
        }

        @Override
        public Map<String, Object> getClaims() {
            return claims;
        }
    }
}
