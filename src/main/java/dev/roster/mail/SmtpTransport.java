package dev.roster.mail;

import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Sends over SMTP with Jakarta (Angus) Mail. With STARTTLS on it is required: a server (or a man in the middle)
 * that does not offer it gets no message, since messages carry invitation links.
 */
class SmtpTransport implements MailTransport {

    private final JavaMailSenderImpl sender = new JavaMailSenderImpl();
    private final String from;

    SmtpTransport(SmtpProperties smtp, String from) {
        this.from = from;
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        sender.setUsername(blankToNull(smtp.username()));
        sender.setPassword(blankToNull(smtp.password()));
        Properties properties = sender.getJavaMailProperties();
        properties.put(
                "mail.smtp.auth",
                String.valueOf(smtp.username() != null && !smtp.username().isBlank()));
        properties.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
        properties.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "20000");
        properties.put("mail.smtp.writetimeout", "20000");
    }

    @Override
    public void send(OutboxMessage message) throws Exception {
        sender.send(MimeMessages.build(sender, from, message));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
