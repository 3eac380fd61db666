package dev.roster.auth;

import java.time.Instant;

/** The codes an authenticator app shows for a secret, for tests outside this package. */
public final class TotpCodes {

    private TotpCodes() {}

    /** The code for the current 30-second step of a base32 secret, as an enrollment page shows it. */
    public static String now(String secret) {
        return Totp.code(Totp.unbase32(secret), Instant.now().getEpochSecond() / Totp.STEP_SECONDS);
    }
}
