package dev.roster.auth;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Ends everything a user is signed in with: refresh tokens, browser sessions, and (through {@link
 * SignedOutEverywhere}) the authorizations of the OpenID Connect provider. Every event that ends one ends all, so
 * that no door stays open. Runs in the caller's transaction.
 */
@Component
class SignOuts {

    private final JdbcRefreshTokenRepository refreshTokens;
    private final BrowserSessions sessions;
    private final ApplicationEventPublisher events;

    SignOuts(JdbcRefreshTokenRepository refreshTokens, BrowserSessions sessions, ApplicationEventPublisher events) {
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.events = events;
    }

    /** Ends every sign-in of the user; returns how many refresh tokens and browser sessions ended. */
    int endAll(UserId user) {
        int ended = refreshTokens.revokeAllOf(user) + sessions.endAllOf(user);
        events.publishEvent(new SignedOutEverywhere(user, null));
        return ended;
    }

    void endAllIn(OrganizationId organization) {
        refreshTokens.revokeAllIn(organization);
        sessions.endAllIn(organization);
        events.publishEvent(new SignedOutEverywhere(null, organization));
    }
}
