package dev.roster.auth;

import dev.roster.shared.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password rules and hashing. Argon2id at OWASP's minimum (19 MiB, 2 iterations, 1 lane); 12 to 256 characters,
 * no composition rules, and nothing is ever cut off: a longer password is refused, not truncated.
 *
 * <p>Hashing runs on a few threads of its own behind a short queue ({@code roster.auth.password-hashing-threads},
 * one less than the cores by default, and {@code -queue}, eight per thread): a flood of sign-ins gets quick 503s
 * instead of taking every core and every database connection from the rest of the API. Callers hash outside any
 * database transaction.
 */
@Component
class Passwords implements DisposableBean {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How a temporary password's hash begins; anything else is Argon2id. */
    private static final String TEMPORARY = "hmac-sha256:";

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
    private final String dummyHash = encoder.encode("a password nobody has, to spend the same time");
    private final ThreadPoolExecutor hashing;

    private final Secrets secrets;

    Passwords(
            Secrets secrets,
            @Value("${roster.auth.password-hashing-threads:0}") int threads,
            @Value("${roster.auth.password-hashing-queue:0}") int queue) {
        this.secrets = secrets;
        int size = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        this.hashing = new ThreadPoolExecutor(
                size, size, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue > 0 ? queue : size * 8), work -> {
                    Thread thread = new Thread(work, "password-hashing");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Fails with 400 naming {@code field} unless the password meets the length rule. */
    static String check(String field, String password) {
        if (password == null || password.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw ProblemException.invalid(
                    field, "must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters");
        }
        return password;
    }

    String hash(String password) {
        return run(() -> encoder.encode(password));
    }

    /**
     * The hash of a temporary password: 93 random bits need no slow hash, so an HMAC under the server's pepper
     * keeps Argon2 out of the transaction that invites the user.
     */
    String hashTemporary(String password) {
        return TEMPORARY + Base64.getEncoder().encodeToString(secrets.hash("temporary-password:" + password));
    }

    /**
     * Checks a password against a hash. Every check spends one Argon2 verification, with no hash or a temporary
     * password's too, so that the time taken tells nothing about the account.
     */
    boolean matches(String password, String hash) {
        String given = password == null ? "" : password;
        if (hash == null || hash.startsWith(TEMPORARY)) {
            boolean matches = hash != null
                    && MessageDigest.isEqual(
                            hash.getBytes(StandardCharsets.US_ASCII),
                            hashTemporary(given).getBytes(StandardCharsets.US_ASCII));
            run(() -> encoder.matches(given, dummyHash));
            return password != null && matches;
        }
        return password != null && run(() -> encoder.matches(password, hash));
    }

    /** A temporary password for an invitation email: 16 characters without look-alikes (about 93 bits). */
    static String temporary() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private <T> T run(Callable<T> work) {
        Future<T> result;
        try {
            result = hashing.submit(work);
        } catch (RejectedExecutionException full) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "sign_in_busy",
                    "Too many sign-ins are being checked right now; retry in a moment.",
                    List.of(),
                    Map.of(ProblemException.RETRY_AFTER, 1L));
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new IllegalStateException("Interrupted while checking a password", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Password hashing failed", e.getCause());
        }
    }

    @Override
    public void destroy() {
        hashing.shutdownNow();
    }
}
