package dev.roster.mail;

import java.util.UUID;

/** Published when a message is queued; after the transaction commits, the dispatcher sends at once. */
record MailQueued(UUID messageId) {}
