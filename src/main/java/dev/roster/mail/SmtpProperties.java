package dev.roster.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP server ({@code ROSTER_SMTP_HOST}, {@code _PORT}, {@code _USERNAME}, {@code _PASSWORD},
 * {@code _STARTTLS}). With no host, messages are written as .eml files under {@code <data dir>/mail}.
 */
@ConfigurationProperties("roster.smtp")
public record SmtpProperties(
        String host,
        @DefaultValue("587") int port,
        String username,
        String password,
        @DefaultValue("true") boolean starttls) {

    boolean configured() {
        return host != null && !host.isBlank();
    }
}
