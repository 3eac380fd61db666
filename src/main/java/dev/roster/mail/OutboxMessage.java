package dev.roster.mail;

import java.util.UUID;

/** A claimed message, ready to send. */
record OutboxMessage(UUID id, String recipient, String subject, String textBody, String htmlBody, int attempts) {}
