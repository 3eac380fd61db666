package dev.roster.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RS256 signing and verification of Roster's JWTs with keys kept in the database. The public halves are published
 * at {@code /.well-known/jwks.json}.
 */
@Component
class SigningKeys {

    private final JdbcSigningKeyRepository keys;
    private final TransactionTemplate transaction;
    private final Map<String, RSAPublicKey> publicKeys = new ConcurrentHashMap<>();
    private volatile RSAKey active;

    SigningKeys(JdbcSigningKeyRepository keys, PlatformTransactionManager transactions) {
        this.keys = keys;
        this.transaction = new TransactionTemplate(transactions);
    }

    String sign(JWTClaimsSet claims, String type) {
        RSAKey key = activeKey();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(new JOSEObjectType(type))
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    /** The claims of a token of {@code type} with a valid signature and expiry; empty for anything else. */
    Optional<JWTClaimsSet> verify(String token, String type) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            RSAPublicKey key = header.getKeyID() == null ? null : publicKey(header.getKeyID());
            if (key == null
                    || !JWSAlgorithm.RS256.equals(header.getAlgorithm())
                    || header.getType() == null
                    || !type.equals(header.getType().getType())
                    || !jwt.verify(new RSASSAVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            return expiry != null && expiry.after(new Date()) ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    /** The public keys as a JWK set. */
    Map<String, Object> jwks() {
        activeKey();
        List<com.nimbusds.jose.jwk.JWK> jwks = new ArrayList<>();
        publicKeys.forEach((kid, key) -> jwks.add(new RSAKey.Builder(key)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .build()));
        return new JWKSet(jwks).toJSONObject(true);
    }

    private RSAPublicKey publicKey(String kid) {
        RSAPublicKey key = publicKeys.get(kid);
        if (key == null) {
            load();
            key = publicKeys.get(kid);
        }
        return key;
    }

    private RSAKey activeKey() {
        RSAKey key = active;
        if (key == null) {
            synchronized (this) {
                if (active == null) {
                    load();
                    if (active == null) {
                        create();
                        load();
                    }
                }
                key = active;
            }
        }
        return key;
    }

    private synchronized void load() {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            for (JdbcSigningKeyRepository.StoredKey stored : keys.all()) {
                RSAPublicKey publicKey =
                        (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(stored.publicKey()));
                publicKeys.put(stored.kid(), publicKey);
                if (!stored.retired() && active == null) {
                    RSAPrivateKey privateKey =
                            (RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(stored.privateKey()));
                    active = new RSAKey.Builder(publicKey)
                            .privateKey(privateKey)
                            .keyID(stored.kid())
                            .build();
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored signing keys are unreadable", e);
        }
    }

    private void create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            var stored = new JdbcSigningKeyRepository.StoredKey(
                    UUID.randomUUID().toString(),
                    pair.getPrivate().getEncoded(),
                    pair.getPublic().getEncoded(),
                    false);
            transaction.executeWithoutResult(status -> keys.insertIfNoneActive(stored));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not make a signing key", e);
        }
    }
}
