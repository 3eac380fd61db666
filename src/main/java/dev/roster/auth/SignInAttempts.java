package dev.roster.auth;

import dev.roster.shared.ProblemException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The sign-in limit of an email: five attempts within 15 minutes, then 429 for the rest of the window. Each attempt
 * is counted before its password is checked, in one statement, so that concurrent guesses all count, and whether or
 * not any user has the email, so that known and unknown addresses answer the same sequence of statuses. A success
 * clears the count.
 */
@Component
class SignInAttempts {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int MAX = 5;

    private final JdbcSignInAttemptRepository attempts;
    private final Secrets secrets;

    SignInAttempts(JdbcSignInAttemptRepository attempts, Secrets secrets) {
        this.attempts = attempts;
        this.secrets = secrets;
    }

    /** Counts an attempt for the email; fails with 429 {@code too_many_attempts} once it is over the limit. */
    void count(String email) {
        if (attempts.count(key(email), WINDOW) > MAX) {
            throw ProblemException.tooManyRequests(
                    "too_many_attempts",
                    "Too many failed sign-ins for this account; try again later.",
                    WINDOW.toSeconds());
        }
    }

    void clear(String email) {
        attempts.clear(key(email));
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
        attempts.purge(WINDOW);
    }

    private byte[] key(String email) {
        return secrets.hash("sign-in:" + email.strip().toLowerCase(Locale.ROOT));
    }
}
