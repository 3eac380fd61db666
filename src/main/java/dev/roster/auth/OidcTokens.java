package dev.roster.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.roster.shared.UserId;
import dev.roster.user.SignInCandidate;
import dev.roster.user.UserService;
import dev.roster.user.UserStatus;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What Roster's OpenID Connect provider needs of its tokens: access tokens that are Roster's own JWTs (they work on
 * Roster's API with the user's permissions) with the application as audience, ID tokens signed by the same keys
 * that {@code /.well-known/jwks.json} publishes, and the checking of an access token sent to userinfo.
 */
@Component
public class OidcTokens {

    /** An access token and its claims, which introspection answers with. */
    public record AccessToken(String value, Instant issuedAt, Instant expiresAt, Map<String, Object> claims) {}

    private static final String ID_TOKEN = "JWT";

    private final TokenIssuer tokens;
    private final SigningKeys signingKeys;
    private final UserService users;

    OidcTokens(TokenIssuer tokens, SigningKeys signingKeys, UserService users) {
        this.tokens = tokens;
        this.signingKeys = signingKeys;
        this.users = users;
    }

    /** An access token for an active user, for the application with this client id; empty for anyone else. */
    public Optional<AccessToken> accessTokenFor(UserId userId, String clientId, Collection<String> scopes) {
        Optional<SignInCandidate> user =
                users.findCandidate(userId).filter(found -> found.status() == UserStatus.ACTIVE);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        JWTClaimsSet claims = tokens.accessClaims(
                        userId, user.get().organizationId(), user.get().email())
                .audience(clientId)
                .claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes))
                .build();
        return Optional.of(new AccessToken(
                signingKeys.sign(claims, TokenIssuer.ACCESS),
                claims.getIssueTime().toInstant(),
                claims.getExpirationTime().toInstant(),
                claims.toJSONObject()));
    }

    /** An application's own access token (client_credentials), acting in the organization it was given. */
    public AccessToken accessTokenForApplication(
            UUID applicationId,
            String clientId,
            dev.roster.shared.OrganizationId organization,
            Collection<String> scopes) {
        JWTClaimsSet claims = tokens.applicationClaims(clientId, applicationId, organization)
                .audience(clientId)
                .claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes))
                .build();
        return new AccessToken(
                signingKeys.sign(claims, TokenIssuer.ACCESS),
                claims.getIssueTime().toInstant(),
                claims.getExpirationTime().toInstant(),
                claims.toJSONObject());
    }

    /** Signs an ID token with the current signing key; times may be Instants or Dates, the issuer a URL. */
    public String signIdToken(Map<String, Object> claims) {
        Map<String, Object> json = new LinkedHashMap<>();
        claims.forEach((name, value) -> json.put(name, jsonValue(value)));
        try {
            return signingKeys.sign(JWTClaimsSet.parse(json), ID_TOKEN);
        } catch (ParseException e) {
            throw new IllegalArgumentException("The ID token's claims are not a JWT's", e);
        }
    }

    private static Object jsonValue(Object value) {
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        if (value instanceof Date date) {
            return date.toInstant().getEpochSecond();
        }
        if (value instanceof URL url) {
            return url.toString();
        }
        if (value instanceof Collection<?> values) {
            return List.copyOf(values);
        }
        return value;
    }

    /** The claims of a Roster access token with a valid signature, unexpired and from this issuer. */
    public Optional<Map<String, Object>> verifyAccessToken(String token) {
        return signingKeys
                .verify(token, TokenIssuer.ACCESS)
                .filter(claims -> tokens.issuer().equals(claims.getIssuer()))
                .map(JWTClaimsSet::toJSONObject);
    }

    /** The public keys that verify Roster's tokens, as {@code /.well-known/jwks.json} serves them. */
    public Map<String, Object> jwks() {
        return signingKeys.jwks();
    }

    /** The issuer every token names: {@code ROSTER_PUBLIC_URL}. */
    public String issuer() {
        return tokens.issuer();
    }

    /** How long an access token lives. */
    public Duration accessTokenTtl() {
        return tokens.accessTtl();
    }
}
