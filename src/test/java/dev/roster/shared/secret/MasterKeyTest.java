package dev.roster.shared.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.roster.shared.RosterProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Where the master key comes from, and the starts Roster refuses. */
class MasterKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void withTheEmbeddedDatabaseAKeyIsGeneratedOnceIntoAnOwnerOnlyFile() throws Exception {
        SecretBox first = new SecretBox(new MasterKey(properties(Map.of())));
        String sealed = first.seal("whsec_secret");

        SecretBox again = new SecretBox(new MasterKey(properties(Map.of())));

        Path file = dataDir.resolve("master-key");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(again.open(sealed)).isEqualTo("whsec_secret");
        assertThat(sealed).startsWith("rsb1:").doesNotContain("secret");
    }

    @Test
    void aConfiguredKeyIsUsedAndAMalformedOneRefusesToStart() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        SecretBox box = new SecretBox(new MasterKey(properties(Map.of("roster.master-key", key))));

        assertThat(box.open(box.seal("x"))).isEqualTo("x");
        assertThat(Files.exists(dataDir.resolve("master-key"))).isFalse();
        assertThatIllegalStateException()
                .isThrownBy(() -> new MasterKey(properties(Map.of("roster.master-key", "c2hvcnQ="))))
                .withMessageContaining("32");
        assertThatIllegalStateException()
                .isThrownBy(() -> new MasterKey(properties(Map.of("roster.master-key", "not base64!"))))
                .withMessageContaining("ROSTER_MASTER_KEY");
    }

    @Test
    void anExternalDatabaseWithoutAMasterKeyRefusesToStart() {
        assertThatIllegalStateException()
                .isThrownBy(
                        () -> new MasterKey(properties(Map.of("roster.database.url", "jdbc:postgresql://db/roster"))))
                .withMessageContaining("ROSTER_MASTER_KEY");
    }

    @Test
    void aValueSealedUnderAnotherKeyOrAlteredOrInPlaintextDoesNotOpen() {
        SecretBox box = new SecretBox(new MasterKey(properties(Map.of())));
        SecretBox other = new SecretBox(new MasterKey(
                properties(Map.of("roster.master-key", Base64.getEncoder().encodeToString(new byte[32])))));
        String sealed = box.seal("whsec_secret");
        char flipped = sealed.charAt(12) == 'A' ? 'B' : 'A';
        String altered = sealed.substring(0, 12) + flipped + sealed.substring(13);

        assertThatIllegalStateException().isThrownBy(() -> other.open(sealed));
        assertThatIllegalStateException().isThrownBy(() -> box.open(altered));
        assertThatIllegalStateException().isThrownBy(() -> box.open("whsec_secret"));
    }

    private RosterProperties properties(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("roster.data-dir", dataDir.toString());
        return new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("roster", RosterProperties.class);
    }
}
