package dev.roster.mail;

import java.util.UUID;

/**
 * Published when a message has left Roster, or has been given up on.
 *
 * @param sent true when the SMTP server (or the .eml file) took it; false when it is dead after its last try
 */
public record MailDelivered(UUID messageId, boolean sent) {}
