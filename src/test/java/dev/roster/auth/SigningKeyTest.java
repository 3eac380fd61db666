package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.Concurrently;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;

/** JWT signing keys: sealed at rest, retired on time, rotated once, and an unknown kid costs no query. */
@RosterTest
class SigningKeyTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private SigningKeys signingKeys;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void aCopyOfTheDatabaseHoldsNoPrivateKeyThatSigns() {
        fixtures.signedIn(tenant.adminKey(), "admin");

        List<byte[]> stored = jdbc.sql("SELECT private_key FROM signing_keys")
                .query(byte[].class)
                .list();

        assertThat(stored).isNotEmpty();
        for (byte[] value : stored) {
            assertThat(value[0]).as("a DER key starts with SEQUENCE").isNotEqualTo((byte) 0x30);
            assertThatThrownBy(() -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(value)))
                    .isInstanceOf(Exception.class);
        }
    }

    @Test
    void theKeyPepperIsNotStoredInTheClear() {
        byte[] pepper = jdbc.sql("SELECT value FROM server_secrets WHERE name = 'key_pepper'")
                .query(byte[].class)
                .single();

        assertThat(pepper).hasSizeGreaterThan(32);
        assertThat(new String(pepper, java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith("rsb1:");
    }

    @Test
    void aTokenOfAKeyRetiredLongerThanItsTokensLiveIsRefused() throws Exception {
        String token = fixtures.signedIn(tenant.adminKey(), "admin");
        assertThat(api.get("/v1/users", token).status()).isEqualTo(200);

        jdbc.sql("UPDATE signing_keys SET retired_at = now() - interval '1 day' WHERE kid = :kid")
                .param("kid", SignedJWT.parse(token).getHeader().getKeyID())
                .update();
        reload();

        assertThat(api.get("/v1/users", token).status()).isEqualTo(401);
        assertThat(api.get("/v1/users", fixtures.signedIn(tenant.adminKey(), "admin"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anAccessTokenIssuedForLongerThanTheAccessLifetimeIsRefused() throws Exception {
        String subject = subjectOf(fixtures.signedIn(tenant.adminKey(), "admin"));

        String fifteenMinutes = signingKeys.sign(claims(subject, Duration.ofMinutes(15)), "at+jwt");
        String aDay = signingKeys.sign(claims(subject, Duration.ofDays(1)), "at+jwt");

        assertThat(api.get("/v1/users", fifteenMinutes).status()).isEqualTo(200);
        assertThat(api.get("/v1/users", aDay).status()).isEqualTo(401);
    }

    @Test
    void aChallengeTokenIssuedForLongerThanTenMinutesIsRefused() throws Exception {
        String subject = subjectOf(fixtures.signedIn(tenant.adminKey(), "admin"));

        String tenMinutes = signingKeys.sign(claims(subject, Duration.ofMinutes(10)), "password-change+jwt");
        String anHour = signingKeys.sign(claims(subject, Duration.ofHours(1)), "password-change+jwt");

        assertThat(signingKeys.verify(tenMinutes, "password-change+jwt")).isPresent();
        assertThat(signingKeys.verify(anHour, "password-change+jwt")).isEmpty();
        assertThat(signingKeys.verify(tenMinutes, "at+jwt")).isEmpty();
    }

    @Test
    void aTokenWithAnUnknownKidIsRefusedWithoutTouchingTheDatabase() throws Exception {
        String forged = forgedToken();
        reload();

        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE signing_keys IN ACCESS EXCLUSIVE MODE");
            }
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    for (int i = 0; i < 20; i++) {
                        assertThat(api.get("/v1/users", forged).status()).isEqualTo(401);
                    }
                });
            } finally {
                locker.rollback();
            }
        }
    }

    @Test
    void onlyAPlatformKeyRotatesTheSigningKeys() {
        var refused = api.post("/v1/signing-keys/rotate", tenant.adminKey(), null);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    }

    @Test
    void aRotatedKeyIsPublishedBeforeItSignsAndEarlierTokensStillVerify() {
        String before = fixtures.signedIn(tenant.adminKey(), "admin");

        var rotated = api.post("/v1/signing-keys/rotate", Api.PLATFORM_KEY, null);

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String kid = rotated.field("kid");
        assertThat(Instant.parse(rotated.field("activatesAt"))).isAfter(Instant.now());
        assertThat(api.get("/.well-known/jwks.json", null).json().path("keys").findValuesAsString("kid"))
                .contains(kid);
        assertThat(api.get("/v1/users", before).status()).isEqualTo(200);
        String after = fixtures.signedIn(tenant.adminKey(), "admin");
        assertThat(kidOf(after)).isNotEqualTo(kid);
        assertThat(api.get("/v1/users", after).status()).isEqualTo(200);
    }

    @Test
    void aKeyDueForRotationIsRotatedOnceWhenNodesRaceForIt() throws Exception {
        jdbc.sql("UPDATE signing_keys SET activates_at = now() - interval '31 days' WHERE retired_at IS NULL")
                .update();
        int keys = count();

        Concurrently.run(8, i -> {
            ReflectionTestUtils.invokeMethod(signingKeys, "rotateWhenDue");
            return null;
        });

        assertThat(count()).isEqualTo(keys + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM signing_keys WHERE retired_at IS NULL")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private int count() {
        return jdbc.sql("SELECT count(*) FROM signing_keys")
                .query(Integer.class)
                .single();
    }

    private void reload() {
        ReflectionTestUtils.invokeMethod(signingKeys, "load");
    }

    private static JWTClaimsSet claims(String subject, Duration lifetime) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(RosterTest.PUBLIC_URL)
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
    }

    private static String subjectOf(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
    }

    private static String kidOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String forgedToken() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(UUID.randomUUID().toString())
                        .type(new JOSEObjectType("at+jwt"))
                        .build(),
                claims(UUID.randomUUID().toString(), Duration.ofMinutes(5)));
        jwt.sign(new RSASSASigner((RSAPrivateKey) pair.getPrivate()));
        return jwt.serialize();
    }
}
