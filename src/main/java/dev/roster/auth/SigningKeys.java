package dev.roster.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RS256 signing and verification of Roster's JWTs with keys kept (sealed) in the database. Each node holds the
 * keys in memory and re-reads them at most once per {@code roster.auth.signing-key-refresh}, and at once after it
 * rotates them, so that a token with an unknown {@code kid} costs no query. A new key is published (in JWKS and to
 * every node) for twice that interval before it signs, so every node knows it before any token carries it; a
 * retired key verifies only until the longest token it could have signed has expired.
 */
@Component
class SigningKeys {

    /** A key in memory: it signs from activatesAt until retiredAt, and verifies until verifiesUntil. */
    private record Key(
            RSAKey jwk, RSAPublicKey publicKey, Instant activatesAt, Instant retiredAt, Instant verifiesUntil) {

        boolean signsAt(Instant now) {
            return !activatesAt.isAfter(now) && (retiredAt == null || retiredAt.isAfter(now));
        }

        boolean verifiesAt(Instant now) {
            return verifiesUntil == null || verifiesUntil.isAfter(now);
        }
    }

    private record Keyring(List<Key> keys, Instant loadedAt) {}

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final JdbcSigningKeyRepository keys;
    private final TransactionTemplate transaction;
    private final TokenProperties properties;
    private final Duration longestLifetime;
    private volatile Keyring keyring;

    SigningKeys(JdbcSigningKeyRepository keys, PlatformTransactionManager transactions, TokenProperties properties) {
        this.keys = keys;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.longestLifetime = max(properties.accessTokenTtl(), TokenIssuer.CHALLENGE_TTL);
    }

    String sign(JWTClaimsSet claims, String type) {
        Instant now = Instant.now();
        List<Key> ring = current().keys();
        RSAKey key = ring.stream()
                .filter(k -> k.signsAt(now))
                .findFirst()
                .or(() -> ring.stream().filter(k -> k.retiredAt() == null).reduce((newer, older) -> older))
                .map(Key::jwk)
                .orElseThrow(() -> new IllegalStateException("No signing key is current"));
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

    /**
     * The claims of a token of {@code type} with a valid signature by a key that still verifies, unexpired, and
     * issued for no longer than its type lives ({@code roster.auth.access-token-ttl}, or 10 minutes for a
     * challenge); empty for anything else.
     */
    Optional<JWTClaimsSet> verify(String token, String type) {
        Duration lifetime = lifetimeOf(type);
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
            return withinLifetime(claims, lifetime) ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    /** The keys that verify, the next one included, as a JWK set. */
    Map<String, Object> jwks() {
        Instant now = Instant.now();
        List<JWK> published = new ArrayList<>();
        current().keys().stream()
                .filter(k -> k.verifiesAt(now))
                .forEach(k -> published.add(new RSAKey.Builder(k.publicKey())
                        .keyID(k.jwk().getKeyID())
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256)
                        .build()));
        return new JWKSet(published).toJSONObject(true);
    }

    /**
     * Makes a new key that signs once every node knows it, in the caller's transaction; this node re-reads the keys
     * when it commits. Returns the key's kid and when it starts signing.
     */
    RotatedSigningKey rotate() {
        JdbcSigningKeyRepository.StoredKey fresh = generate();
        keys.rotate(fresh, properties.publishAhead(), null, longestLifetime);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                load();
            }
        });
        return new RotatedSigningKey(fresh.kid(), Instant.now().plus(properties.publishAhead()));
    }

    /** Rotates when the current key has signed for {@code roster.auth.signing-key-rotation}; one node does it. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void rotateWhenDue() {
        Instant newest = keys.newestActivation();
        if (newest != null && newest.isAfter(Instant.now().minus(properties.signingKeyRotation()))) {
            return;
        }
        JdbcSigningKeyRepository.StoredKey fresh = generate();
        Boolean rotated = transaction.execute(status ->
                keys.rotate(fresh, properties.publishAhead(), properties.signingKeyRotation(), longestLifetime));
        if (Boolean.TRUE.equals(rotated)) {
            load();
        }
    }

    /** Re-reads the keys now. */
    synchronized void load() {
        List<Key> loaded = read();
        if (loaded.stream().noneMatch(k -> k.retiredAt() == null)) {
            JdbcSigningKeyRepository.StoredKey fresh = generate();
            transaction.executeWithoutResult(status -> keys.insertIfNoneActive(fresh));
            loaded = read();
        }
        keyring = new Keyring(loaded, Instant.now());
    }

    private Duration lifetimeOf(String type) {
        return switch (type) {
            case TokenIssuer.ACCESS -> properties.accessTokenTtl();
            case TokenIssuer.CHALLENGE -> TokenIssuer.CHALLENGE_TTL;
            case TokenIssuer.MFA_CHALLENGE -> TokenIssuer.MFA_TTL;
            case TokenIssuer.ENROLLMENT_CHALLENGE -> TokenIssuer.CHALLENGE_TTL;
            default -> Duration.ZERO;
        };
    }

    private boolean withinLifetime(JWTClaimsSet claims, Duration lifetime) {
        Date issued = claims.getIssueTime();
        Date expiry = claims.getExpirationTime();
        Instant now = Instant.now();
        return issued != null
                && expiry != null
                && expiry.toInstant().isAfter(now)
                && !issued.toInstant().isAfter(now.plus(CLOCK_SKEW))
                && Duration.between(issued.toInstant(), expiry.toInstant()).compareTo(lifetime) <= 0;
    }

    /** Whether a token signed by this key id would still verify (the key is known and not retired too long). */
    boolean verifies(String kid) {
        return publicKey(kid) != null;
    }

    private RSAPublicKey publicKey(String kid) {
        Instant now = Instant.now();
        return current().keys().stream()
                .filter(k -> k.jwk().getKeyID().equals(kid) && k.verifiesAt(now))
                .findFirst()
                .map(Key::publicKey)
                .orElse(null);
    }

    /** The keys in memory, re-read first when they are older than the refresh interval. */
    private Keyring current() {
        Keyring ring = keyring;
        if (ring == null || ring.loadedAt().plus(properties.signingKeyRefresh()).isBefore(Instant.now())) {
            synchronized (this) {
                if (keyring == ring) {
                    load();
                }
                ring = keyring;
            }
        }
        return ring;
    }

    private List<Key> read() {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            List<Key> loaded = new ArrayList<>();
            for (JdbcSigningKeyRepository.StoredKey stored : keys.usable(longestLifetime)) {
                RSAPublicKey publicKey =
                        (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(stored.publicKey()));
                RSAPrivateKey privateKey =
                        (RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(stored.privateKey()));
                RSAKey jwk = new RSAKey.Builder(publicKey)
                        .privateKey(privateKey)
                        .keyID(stored.kid())
                        .build();
                Instant verifiesUntil =
                        stored.retiredAt() == null ? null : stored.retiredAt().plus(longestLifetime);
                loaded.add(new Key(jwk, publicKey, stored.activatesAt(), stored.retiredAt(), verifiesUntil));
            }
            return List.copyOf(loaded);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored signing keys are unreadable", e);
        }
    }

    private static JdbcSigningKeyRepository.StoredKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new JdbcSigningKeyRepository.StoredKey(
                    UUID.randomUUID().toString(),
                    pair.getPrivate().getEncoded(),
                    pair.getPublic().getEncoded(),
                    null,
                    null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not make a signing key", e);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
