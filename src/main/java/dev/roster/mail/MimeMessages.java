package dev.roster.mail;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Builds the MIME message for an outbox row: plain text, with an HTML alternative when there is one. */
final class MimeMessages {

    static {
        // Jakarta Mail looks its stream provider up with ServiceLoader for every body part unless told which it is;
        // in a Spring Boot jar that scan costs milliseconds of CPU per message.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private MimeMessages() {}

    /**
     * @param sender makes the message, so that its cached MIME type map is reused instead of loaded per message
     */
    static MimeMessage build(JavaMailSenderImpl sender, String from, OutboxMessage message) throws Exception {
        MimeMessage mime = sender.createMimeMessage();
        boolean html = message.htmlBody() != null;
        MimeMessageHelper helper = new MimeMessageHelper(mime, html, "UTF-8");
        helper.setFrom(new InternetAddress(from, true));
        helper.setTo(new InternetAddress(message.recipient(), true));
        helper.setSubject(message.subject());
        if (html) {
            helper.setText(message.textBody(), message.htmlBody());
        } else {
            helper.setText(message.textBody(), false);
        }
        mime.setHeader("Message-ID", "<" + message.id() + "@roster>");
        return mime;
    }
}
