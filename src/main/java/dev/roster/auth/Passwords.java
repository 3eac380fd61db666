package dev.roster.auth;

import dev.roster.shared.ProblemException;
import java.security.SecureRandom;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password rules and hashing. Argon2id at OWASP's minimum (19 MiB, 2 iterations, 1 lane); 12 to 256 characters,
 * no composition rules, and nothing is ever cut off: a longer password is refused, not truncated.
 */
@Component
class Passwords {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
    private final String dummyHash = encoder.encode("a password nobody has, to spend the same time");

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
        return encoder.encode(password);
    }

    /** Checks a password against a hash; with no hash, spends the same time and answers false. */
    boolean matches(String password, String hash) {
        if (hash == null) {
            encoder.matches(password == null ? "" : password, dummyHash);
            return false;
        }
        return password != null && encoder.matches(password, hash);
    }

    /** A temporary password for an invitation email: 16 characters without look-alikes (about 93 bits). */
    static String temporary() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
