package dev.roster.invitation;

import dev.roster.mail.Mail;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.RosterProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Writes invitation emails, in plain text and escaped HTML. Links start with {@code ROSTER_PUBLIC_URL}, never
 * with anything a request said about itself.
 */
@Component
class InvitationEmails {

    private static final DateTimeFormatter EXPIRY =
            DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final String publicUrl;

    InvitationEmails(RosterProperties properties) {
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
    }

    /** An invitation with a link to set a password. */
    Mail link(
            OrganizationId org, String organizationName, String inviter, String email, String token, Instant expires) {
        String link = publicUrl + "/invitations/accept?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        String expiry = EXPIRY.format(expires);
        String text = """
                Hello,

                %s invited you to join %s.

                Set your password here to accept:
                %s

                The link works once and expires on %s.
                If you did not expect this invitation, ignore this email.
                """.formatted(inviter, organizationName, link, expiry);
        String html = Mail.html(
                "<p>%s invited you to join <strong>%s</strong>.</p><p><a href=\"%s\">Set your password</a> to accept.</p>"
                        .formatted(Mail.escape(inviter), Mail.escape(organizationName), Mail.escape(link)),
                "The link works once and expires on " + Mail.escape(expiry) + ".");
        return new Mail(org, "invitation", email, subject(organizationName), text, html);
    }

    /** An invitation with a temporary password, to replace at first sign-in. */
    Mail temporaryPassword(
            OrganizationId org,
            String organizationName,
            String inviter,
            String email,
            String password,
            Instant expires) {
        String signIn = publicUrl + "/login";
        String expiry = EXPIRY.format(expires);
        String text = """
                Hello,

                %s invited you to join %s.

                Sign in at %s with
                  email:              %s
                  temporary password: %s
                You will choose your own password when you first sign in.

                The temporary password expires on %s.
                """.formatted(inviter, organizationName, signIn, email, password, expiry);
        String html = Mail.html(
                ("<p>%s invited you to join <strong>%s</strong>.</p><p><a href=\"%s\">Sign in</a> with your email and"
                                + " this temporary password:</p><p><code>%s</code></p><p>You will choose your own"
                                + " password when you first sign in.</p>")
                        .formatted(
                                Mail.escape(inviter),
                                Mail.escape(organizationName),
                                Mail.escape(signIn),
                                Mail.escape(password)),
                "The temporary password expires on " + Mail.escape(expiry) + ".");
        return new Mail(org, "invitation", email, subject(organizationName), text, html);
    }

    private static String subject(String organizationName) {
        return "You are invited to join " + organizationName;
    }
}
