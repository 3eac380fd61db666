package dev.roster.auth;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * A browser's sign-in to Roster's pages, as the user's session list shows it: never its cookie.
 *
 * @param method how it began: {@code password}, {@code mfa} (a password and a second factor) or {@code sso}
 * @param lastSeenAt when it was last used, to the minute
 * @param expiresAt when it ends however busy it is
 * @param current whether it is the session of the request that lists it
 */
public record BrowserSession(
        UUID id,
        UserId userId,
        OrganizationId organizationId,
        String method,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt,
        String userAgent,
        String address,
        boolean current) {

    BrowserSession asCurrent() {
        return new BrowserSession(
                id, userId, organizationId, method, createdAt, lastSeenAt, expiresAt, userAgent, address, true);
    }
}
