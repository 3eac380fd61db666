package dev.roster.mail;

import dev.roster.shared.OrganizationId;
import org.springframework.web.util.HtmlUtils;

/**
 * A message to queue. The caller renders it; the outbox stores and sends it.
 *
 * @param kind what it is for, such as {@code invitation}; used for per-recipient limits
 * @param htmlBody an HTML alternative, already escaped; may be null
 */
public record Mail(
        OrganizationId organizationId,
        String kind,
        String recipient,
        String subject,
        String textBody,
        String htmlBody) {

    public Mail {
        for (String header : new String[] {recipient, subject}) {
            if (header == null || header.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("Mail headers must be single lines");
            }
        }
    }

    /** An HTML body: the given HTML, which the caller escaped, and a grey footer line. */
    public static String html(String body, String footer) {
        return "<!doctype html><html lang=\"en\"><body style=\"font-family:sans-serif\">" + body
                + "<p style=\"color:#555\">" + footer + "</p></body></html>";
    }

    /** Text made safe to put into an HTML body. */
    public static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
