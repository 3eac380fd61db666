package dev.roster.oidc;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * Token introspection (RFC 7662) for the calling application's own tokens only. Spring's provider answers for any
 * token of any client, so one application could learn whom another's tokens stand for; here another application's
 * token answers {@code {"active":false}}, as an unknown one does, so that introspection says nothing about it.
 */
final class OwnTokensIntrospection implements AuthenticationProvider {

    private final AuthenticationProvider introspection;

    OwnTokensIntrospection(AuthenticationProvider introspection) {
        this.introspection = introspection;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Authentication answered = introspection.authenticate(authentication);
        if (!(answered instanceof OAuth2TokenIntrospectionAuthenticationToken result)
                || !result.getTokenClaims().isActive()) {
            return answered;
        }
        // The client_id of an active answer is the client the token's authorization belongs to.
        String owner = result.getTokenClaims().getClientId();
        String caller = result.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                        && client.getRegisteredClient() != null
                ? client.getRegisteredClient().getClientId()
                : null;
        if (caller != null && caller.equals(owner)) {
            return answered;
        }
        return new OAuth2TokenIntrospectionAuthenticationToken(
                result.getToken(),
                (Authentication) result.getPrincipal(),
                OAuth2TokenIntrospection.builder().build());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return introspection.supports(authentication);
    }
}
