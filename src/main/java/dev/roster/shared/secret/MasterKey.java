package dev.roster.shared.secret;

import dev.roster.shared.RosterProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The AES-256 key that seals secrets at rest, kept outside the database: {@code ROSTER_MASTER_KEY} (base64 of 32
 * bytes), or, only with the embedded database, {@code <data dir>/master-key}, generated on first start with mode
 * 0600. With an external database and no key Roster refuses to start: a key generated on one node's disk would be
 * lost with it, and the others could not read what it sealed.
 */
@Component
class MasterKey {

    static final String FILE = "master-key";
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final int BYTES = 32;

    private final SecretKey key;

    MasterKey(RosterProperties properties) {
        this.key = new SecretKeySpec(load(properties), "AES");
    }

    SecretKey key() {
        return key;
    }

    private static byte[] load(RosterProperties properties) {
        String configured = properties.masterKey();
        if (configured != null && !configured.isBlank()) {
            return decode(configured, "roster.master-key (ROSTER_MASTER_KEY)");
        }
        if (properties.database().external()) {
            throw new IllegalStateException("ROSTER_MASTER_KEY is required with an external database: set it to the"
                    + " base64 of 32 random bytes (openssl rand -base64 32) and keep it outside the database; it"
                    + " encrypts the signing keys and webhook secrets stored there.");
        }
        return fromFile(properties.dataDir().resolve(FILE));
    }

    private static byte[] fromFile(Path file) {
        try {
            if (Files.notExists(file)) {
                generate(file);
            }
            return decode(
                    Files.readString(file, StandardCharsets.US_ASCII),
                    file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the master key " + file.toAbsolutePath(), e);
        }
    }

    /** Writes a fresh key next to the file, then links it into place: a concurrent start keeps the first one. */
    private static void generate(Path file) throws IOException {
        byte[] fresh = new byte[BYTES];
        new SecureRandom().nextBytes(fresh);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path draft = Files.createTempFile(
                file.toAbsolutePath().getParent(),
                ".master-key-",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(draft, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, draft);
            log.info("Generated the master key {}; back it up apart from the database", file.toAbsolutePath());
        } catch (FileAlreadyExistsException e) {
            // Another process made it first; use theirs.
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    private static byte[] decode(String text, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != BYTES) {
            throw new IllegalStateException(
                    source + " must be the base64 of exactly 32 random bytes (openssl rand -base64 32).");
        }
        return bytes;
    }
}
