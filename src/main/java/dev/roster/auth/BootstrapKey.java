package dev.roster.auth;

import dev.roster.shared.RosterProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The first platform key. {@code ROSTER_BOOTSTRAP_KEY} is accepted as given (only its hash is stored), and replaces
 * every platform key an earlier start made: those are revoked, and the generated file is deleted. Without it, and
 * with no live platform key, Roster makes one and writes it to {@code <data dir>/bootstrap-key} (mode 0600), logging
 * only the file's path. Logs name keys by id, never by secret.
 */
@Component
class BootstrapKey implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BootstrapKey.class);
    static final int MIN_LENGTH = 32;

    private final ApiKeyService keys;
    private final RosterProperties properties;

    BootstrapKey(ApiKeyService keys, RosterProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String configured = properties.bootstrapKey();
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < MIN_LENGTH || configured.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalStateException(
                        "ROSTER_BOOTSTRAP_KEY must be at least " + MIN_LENGTH + " characters without spaces");
            }
            ApiKeyService.Bootstrapped done = keys.bootstrap(configured);
            done.revoked().forEach(id -> log.warn("Revoked platform key {}: ROSTER_BOOTSTRAP_KEY replaces it", id));
            done.stillRevoked()
                    .ifPresentOrElse(
                            id -> log.warn(
                                    "ROSTER_BOOTSTRAP_KEY is platform key {}, which was revoked: it stays revoked,"
                                            + " and changes nothing; unset it or set a new one",
                                    id),
                            this::removeFile);
            return;
        }
        keys.bootstrap(null).generated().ifPresent(this::handOver);
    }

    private void removeFile() {
        Path file = file();
        try {
            if (Files.deleteIfExists(file)) {
                log.info("Deleted {}: its key is revoked", file.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + file, e);
        }
    }

    private Path file() {
        return properties.dataDir().resolve("bootstrap-key");
    }

    private void handOver(String secret) {
        Path file = file();
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the bootstrap key to " + file, e);
        }
        log.info("Created a platform key; it is in {} (readable by this user only)", file.toAbsolutePath());
    }
}
