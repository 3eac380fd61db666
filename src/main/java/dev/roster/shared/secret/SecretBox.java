package dev.roster.shared.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Component;

/**
 * Seals and opens secrets with AES-256-GCM under the master key. A sealed value reads {@code rsb1:<base64 of a
 * random 96-bit nonce, the ciphertext and the 128-bit tag>}: the version prefix lets the format evolve and tells a
 * sealed value from plaintext left by an older Roster. Opening refuses anything else, so a row written straight
 * into the database is never taken for a secret.
 */
@Component
public class SecretBox {

    static final String PREFIX = "rsb1:";
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    SecretBox(MasterKey masterKey) {
        this.key = masterKey.key();
    }

    /** The sealed form of a secret, different on every call. */
    public String seal(String plaintext) {
        return new String(seal(plaintext.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
    }

    /** The secret inside a sealed value; fails if it is not sealed, or not under this master key. */
    public String open(String sealed) {
        return new String(open(sealed.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8);
    }

    /** As {@link #seal(String)}, for bytea columns: the same text, as ASCII bytes. */
    public byte[] seal(byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(plaintext.length))
                    .put(nonce)
                    .put(cipher.doFinal(plaintext))
                    .array();
            byte[] encoded = Base64.getEncoder().encode(sealed);
            return ByteBuffer.allocate(PREFIX_BYTES.length + encoded.length)
                    .put(PREFIX_BYTES)
                    .put(encoded)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** As {@link #open(String)}, for bytea columns. */
    public byte[] open(byte[] sealed) {
        if (!isSealed(sealed)) {
            throw new IllegalStateException("A stored secret is not sealed; Roster seals plaintext ones on start");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(Arrays.copyOfRange(sealed, PREFIX_BYTES.length, sealed.length));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            return cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "A stored secret cannot be opened: it was sealed under another master key, or altered", e);
        }
    }

    /** Whether a stored value is in the sealed format (not whether it opens). */
    public static boolean isSealed(byte[] value) {
        return value != null
                && value.length > PREFIX_BYTES.length
                && Arrays.equals(value, 0, PREFIX_BYTES.length, PREFIX_BYTES, 0, PREFIX_BYTES.length);
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }
}
