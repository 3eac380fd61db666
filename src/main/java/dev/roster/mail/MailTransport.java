package dev.roster.mail;

/** Where messages go: an SMTP server, or .eml files when none is configured. */
interface MailTransport {

    void send(OutboxMessage message) throws Exception;
}
