package dev.roster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238's own test vectors (appendix B, SHA-1), cut to six digits as authenticator apps show them. */
class TotpTest {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void codesMatchTheRfcVectors() {
        assertThat(Totp.code(RFC_KEY, 59 / 30)).isEqualTo("287082");
        assertThat(Totp.code(RFC_KEY, 1111111109L / 30)).isEqualTo("081804");
        assertThat(Totp.code(RFC_KEY, 1111111111L / 30)).isEqualTo("050471");
        assertThat(Totp.code(RFC_KEY, 1234567890L / 30)).isEqualTo("005924");
        assertThat(Totp.code(RFC_KEY, 2000000000L / 30)).isEqualTo("279037");
        assertThat(Totp.code(RFC_KEY, 20000000000L / 30)).isEqualTo("353130");
    }

    @Test
    void oneStepOfDriftEitherSideIsAcceptedAndNoMore() {
        String secret = Totp.base32(RFC_KEY);
        Instant now = Instant.ofEpochSecond(1234567890L);
        long step = now.getEpochSecond() / 30;

        assertThat(Totp.matchingStep(secret, Totp.code(RFC_KEY, step), now)).hasValue(step);
        assertThat(Totp.matchingStep(secret, Totp.code(RFC_KEY, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.matchingStep(secret, Totp.code(RFC_KEY, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.matchingStep(secret, Totp.code(RFC_KEY, step + 2), now)).isEmpty();
        assertThat(Totp.matchingStep(secret, "12345", now)).isEmpty();
        assertThat(Totp.unbase32(secret)).isEqualTo(RFC_KEY);
    }
}
