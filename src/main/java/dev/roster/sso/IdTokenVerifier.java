package dev.roster.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Checks an ID token as OpenID Connect Core 1.0 section 3.1.3.7 asks: signed (RSA or EC, never none or a shared
 * secret) by a key of the provider's key set, {@code iss} exactly the configured issuer, {@code aud} containing the
 * client id (and {@code azp} the client id when there are several audiences), {@code exp} and {@code iat} within the
 * allowed clock skew, the sign-in's {@code nonce}, and a verified email.
 */
@Component
class IdTokenVerifier {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    /** What a verified ID token says of the person. */
    record Identity(String subject, String email, String givenName, String familyName, List<String> groups) {}

    private final ProviderMetadata metadata;
    private final SsoProperties properties;
    private final Clock clock;

    IdTokenVerifier(ProviderMetadata metadata, SsoProperties properties, Clock clock) {
        this.metadata = metadata;
        this.properties = properties;
        this.clock = clock;
    }

    Identity verify(String idToken, SsoProvider provider, ProviderMetadata.Discovery discovery, String nonce) {
        SignedJWT jwt = parse(idToken);
        checkSignature(jwt, discovery);
        JWTClaimsSet claims = claims(jwt);
        if (!provider.issuer().equals(claims.getIssuer())) {
            throw new SsoFailure(SsoFailure.Reason.WRONG_ISSUER, "iss is not the configured issuer");
        }
        checkAudience(claims, provider.clientId());
        checkTimes(claims);
        if (!equal(nonce, string(claims, "nonce"))) {
            throw new SsoFailure(SsoFailure.Reason.WRONG_NONCE, "nonce does not match the sign-in");
        }
        String subject = claims.getSubject();
        String email = string(claims, "email");
        if (subject == null || subject.isBlank() || subject.length() > 255 || email == null) {
            throw new SsoFailure(SsoFailure.Reason.BAD_TOKEN, "sub or email missing");
        }
        if (!Boolean.TRUE.equals(claims.getClaim("email_verified"))) {
            throw new SsoFailure(SsoFailure.Reason.UNVERIFIED_EMAIL, "email_verified is not true");
        }
        return new Identity(
                subject,
                email.strip().toLowerCase(Locale.ROOT),
                string(claims, "given_name"),
                string(claims, "family_name"),
                groups(claims, provider.groupsClaim()));
    }

    private static SignedJWT parse(String idToken) {
        try {
            return SignedJWT.parse(idToken);
        } catch (ParseException | RuntimeException e) {
            throw new SsoFailure(SsoFailure.Reason.BAD_TOKEN, "not a signed JWT");
        }
    }

    private void checkSignature(SignedJWT jwt, ProviderMetadata.Discovery discovery) {
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw new SsoFailure(SsoFailure.Reason.BAD_SIGNATURE, "algorithm not allowed");
        }
        JWK key = metadata.key(discovery, jwt.getHeader().getKeyID())
                .orElseThrow(() -> new SsoFailure(SsoFailure.Reason.BAD_SIGNATURE, "unknown key id"));
        try {
            if (!jwt.verify(verifier(algorithm, key))) {
                throw new SsoFailure(SsoFailure.Reason.BAD_SIGNATURE, "signature does not verify");
            }
        } catch (JOSEException e) {
            throw new SsoFailure(SsoFailure.Reason.BAD_SIGNATURE, "key does not fit the algorithm");
        }
    }

    private static JWSVerifier verifier(JWSAlgorithm algorithm, JWK key) throws JOSEException {
        if (JWSAlgorithm.Family.RSA.contains(algorithm) && key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (JWSAlgorithm.Family.EC.contains(algorithm) && key instanceof ECKey ec) {
            return new ECDSAVerifier(ec);
        }
        throw new JOSEException("key type does not fit the algorithm");
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new SsoFailure(SsoFailure.Reason.BAD_TOKEN, "unreadable claims");
        }
    }

    private static void checkAudience(JWTClaimsSet claims, String clientId) {
        List<String> audience = claims.getAudience();
        if (clientId == null || audience == null || !audience.contains(clientId)) {
            throw new SsoFailure(SsoFailure.Reason.WRONG_AUDIENCE, "aud does not contain the client id");
        }
        String azp = string(claims, "azp");
        if ((audience.size() > 1 || azp != null) && !clientId.equals(azp)) {
            throw new SsoFailure(SsoFailure.Reason.WRONG_AUDIENCE, "azp is not the client id");
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Duration skew = properties.clockSkew();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw new SsoFailure(SsoFailure.Reason.BAD_TOKEN, "exp or iat missing");
        }
        if (!exp.toInstant().plus(skew).isAfter(now)
                || iat.toInstant().minus(skew).isAfter(now)) {
            throw new SsoFailure(SsoFailure.Reason.EXPIRED_TOKEN, "outside exp/iat with skew");
        }
    }

    private static List<String> groups(JWTClaimsSet claims, String groupsClaim) {
        if (groupsClaim == null || !(claims.getClaim(groupsClaim) instanceof List<?> values)) {
            return List.of();
        }
        return values.stream()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .toList();
    }

    private static String string(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }

    private static boolean equal(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
