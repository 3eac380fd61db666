package dev.roster.login;

import dev.roster.mail.Mail;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.RosterProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** Writes the password-reset email. Its link starts with {@code ROSTER_PUBLIC_URL}, never with a request's Host. */
@Component
class PasswordResetEmails {

    static final String KIND = "password_reset";

    private final String publicUrl;

    PasswordResetEmails(RosterProperties properties) {
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
    }

    Mail reset(OrganizationId org, String organizationName, String email, String token) {
        String link = publicUrl + "/login/reset?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        String text = """
                Hello,

                Someone asked to reset the password of %s at %s.

                Choose a new password here:
                %s

                The link works once, for 60 minutes. If you did not ask for it, ignore this email: your
                password stays as it is.
                """.formatted(email, organizationName, link);
        String html = Mail.html(
                "<p>Someone asked to reset the password of <strong>%s</strong> at <strong>%s</strong>.</p>"
                                .formatted(Mail.escape(email), Mail.escape(organizationName))
                        + "<p><a href=\"%s\">Choose a new password</a></p>".formatted(Mail.escape(link)),
                "The link works once, for 60 minutes. If you did not ask for it, ignore this email.");
        return new Mail(org, KIND, email, "Reset your password for " + organizationName, text, html);
    }
}
