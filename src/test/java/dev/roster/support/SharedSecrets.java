package dev.roster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a second Roster process on the test database needs to share with the first: the master key. */
public final class SharedSecrets {

    private SharedSecrets() {}

    /** The master key the test server generated under its data directory. */
    public static String masterKey() {
        try {
            return Files.readString(Path.of("target/test-data/master-key")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
