package dev.roster.auth;

import dev.roster.shared.RosterProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Makes key secrets (a kind prefix and 256 random bits in base64url) and hashes them with HMAC-SHA256 under the
 * server's pepper. Only the hash is ever stored; a stolen database without the pepper cannot be used to test
 * guesses offline.
 */
@Component
public class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Roster's own keys, and any bootstrap key an operator chose: 32 to 256 visible ASCII characters. */
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7E]{32,256}");

    private static final int VISIBLE_CHARS = 6;

    private final ThreadLocal<Mac> macs;

    Secrets(RosterProperties properties, JdbcServerSecretRepository secrets) {
        byte[] configured =
                properties.keyPepper() == null || properties.keyPepper().isBlank()
                        ? null
                        : properties.keyPepper().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = configured != null ? configured : secrets.getOrCreate("key_pepper", 32);
        SecretKeySpec pepper = new SecretKeySpec(bytes, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> newMac(pepper));
    }

    String generate(KeyKind kind) {
        return newToken(kind.prefix());
    }

    /** A new secret: the prefix and 256 random bits in base64url. */
    public String newToken(String prefix) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Whether text could be a key at all; anything else is rejected without touching the database. */
    boolean looksLikeKey(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** The HMAC-SHA256 of a secret under the server pepper: what Roster stores instead of the secret. */
    public byte[] hash(String secret) {
        return macs.get().doFinal(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac newMac(SecretKeySpec pepper) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * The part of a secret that lists show so people can tell keys apart; far too short to be guessed from. A key
     * an operator chose (a bootstrap key) has no kind prefix, so only its first characters show.
     */
    static String visiblePrefix(KeyKind kind, String secret) {
        int kindPrefix = secret.startsWith(kind.prefix()) ? kind.prefix().length() : 0;
        return secret.substring(0, kindPrefix + VISIBLE_CHARS);
    }
}
