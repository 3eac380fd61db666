package dev.roster.mail;

import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The default when no SMTP server is configured: each message becomes {@code <data dir>/mail/<id>.eml}, which any
 * mail client opens. The log names the recipient and the file, never what the message says. Messages carry
 * invitation links, so the directory is 0700 and each file 0600: only Roster's own user reads them.
 */
class FileTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(FileTransport.class);
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final JavaMailSenderImpl mimeFactory = new JavaMailSenderImpl();
    private final Path directory;
    private final String from;

    FileTransport(Path directory, String from) {
        this.directory = directory;
        this.from = from;
    }

    @Override
    public void send(OutboxMessage message) throws Exception {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
        Path file = directory.resolve(message.id() + ".eml");
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(
                file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_FILE)))) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
            MimeMessages.build(mimeFactory, from, message).writeTo(out);
        }
        log.info("Mail for {} written to {}", message.recipient(), file.toAbsolutePath());
    }
}
