package dev.roster.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.support.MailServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages carry invitation links: they are never left readable to others or sent in clear by mistake. */
class MailTransportTest {

    private static final String FROM = "Roster <no-reply@roster.localhost>";

    @Test
    void emlFilesAreReadableByRostersUserAlone(@TempDir Path dataDir) throws Exception {
        Path directory = dataDir.resolve("mail");
        OutboxMessage message = message("file@example.com");

        new FileTransport(directory, FROM).send(message);

        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(directory.resolve(message.id() + ".eml")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void withStarttlsOnAServerThatDoesNotOfferItGetsNoMessage() {
        MailServer.ensureStarted();
        String recipient = "clear-" + UUID.randomUUID() + "@example.com";
        var transport = new SmtpTransport(new SmtpProperties("127.0.0.1", MailServer.PORT, null, null, true), FROM);

        assertThatThrownBy(() -> transport.send(message(recipient))).hasMessageContaining("STARTTLS");
        assertThat(MailServer.messagesFor(recipient)).isEmpty();
    }

    private static OutboxMessage message(String recipient) {
        return new OutboxMessage(
                UUID.randomUUID(), recipient, "Your invitation", "https://example.test/i/secret", null, 1);
    }
}
