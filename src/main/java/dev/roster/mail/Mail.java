package dev.roster.mail;

import dev.roster.shared.OrganizationId;

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
}
