package dev.roster.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Builds the MIME message for an outbox row: plain text, with an HTML alternative when there is one. */
final class MimeMessages {

    private MimeMessages() {}

    static MimeMessage build(Session session, String from, OutboxMessage message) throws Exception {
        MimeMessage mime = new MimeMessage(session == null ? Session.getInstance(new Properties()) : session);
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
