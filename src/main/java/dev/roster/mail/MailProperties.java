package dev.roster.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How mail leaves Roster ({@code ROSTER_MAIL_*}).
 *
 * @param from the From address of every message
 * @param maxAttempts tries before a message is marked dead
 * @param pollInterval how often each node looks for due messages (new messages are also sent at once on commit)
 * @param retryBase the first retry's delay; each further retry waits twice as long, up to an hour
 * @param invitationsPerRecipientPerHour invitation emails one organization may send one address in an hour
 * @param invitationsPerOrganizationPerHour invitation emails one organization may send in an hour; 0 for no limit
 */
@ConfigurationProperties("roster.mail")
public record MailProperties(
        @DefaultValue("Roster <no-reply@roster.localhost>") String from,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("PT2S") Duration retryBase,
        @DefaultValue("5") int invitationsPerRecipientPerHour,
        @DefaultValue("1000") int invitationsPerOrganizationPerHour) {}
