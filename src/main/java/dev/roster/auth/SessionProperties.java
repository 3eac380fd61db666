package dev.roster.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser sessions of the hosted login and the console ({@code ROSTER_SESSIONS_*}).
 *
 * @param idleTimeout a session nobody used for this long has ended
 * @param absoluteTimeout a session ends this long after its sign-in, however busy
 */
@ConfigurationProperties("roster.sessions")
public record SessionProperties(
        @DefaultValue("PT30M") Duration idleTimeout,
        @DefaultValue("PT12H") Duration absoluteTimeout) {

    public SessionProperties {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteTimeout.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException(
                    "roster.sessions.idle-timeout must be positive and no longer than the absolute timeout");
        }
    }
}
