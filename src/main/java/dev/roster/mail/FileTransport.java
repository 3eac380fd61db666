package dev.roster.mail;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The default when no SMTP server is configured: each message becomes {@code <data dir>/mail/<id>.eml}, which any
 * mail client opens. The log names the recipient and the file, never what the message says.
 */
class FileTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(FileTransport.class);

    private final JavaMailSenderImpl mimeFactory = new JavaMailSenderImpl();
    private final Path directory;
    private final String from;

    FileTransport(Path directory, String from) {
        this.directory = directory;
        this.from = from;
    }

    @Override
    public void send(OutboxMessage message) throws Exception {
        Files.createDirectories(directory);
        Path file = directory.resolve(message.id() + ".eml");
        try (OutputStream out = Files.newOutputStream(
                file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            MimeMessages.build(mimeFactory, from, message).writeTo(out);
        }
        log.info("Mail for {} written to {}", message.recipient(), file.toAbsolutePath());
    }
}
