package dev.roster.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Roster's JWTs and the keys that sign them ({@code ROSTER_AUTH_*}).
 *
 * @param accessTokenTtl the lifetime of an access token; verification refuses any whose exp - iat is longer
 * @param signingKeyRotation how long a signing key signs before a new one takes over
 * @param signingKeyRefresh how often each node re-reads the signing keys; a rotated key is published for twice
 *     this long before it signs, so that every node knows it by then
 */
@ConfigurationProperties("roster.auth")
public record TokenProperties(
        @DefaultValue("PT15M") Duration accessTokenTtl,
        @DefaultValue("P30D") Duration signingKeyRotation,
        @DefaultValue("PT1M") Duration signingKeyRefresh) {

    public TokenProperties {
        for (Duration duration : new Duration[] {accessTokenTtl, signingKeyRotation, signingKeyRefresh}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("roster.auth durations must be positive");
            }
        }
    }

    /** How long a new key is published before it signs. */
    Duration publishAhead() {
        return signingKeyRefresh.multipliedBy(2);
    }
}
