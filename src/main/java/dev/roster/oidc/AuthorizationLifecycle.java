package dev.roster.oidc;

import dev.roster.auth.SignedOutEverywhere;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The ends of applications' authorizations: with every sign-in of their user, and a day after they expire. */
@Component
class AuthorizationLifecycle {

    private final JdbcAuthorizationRepository authorizations;

    AuthorizationLifecycle(JdbcAuthorizationRepository authorizations) {
        this.authorizations = authorizations;
    }

    /** A password change, deactivation, an admin's sign-out: the applications' refresh tokens die too. */
    @EventListener
    void on(SignedOutEverywhere signedOut) {
        authorizations.revokeAllOf(signedOut.user(), signedOut.organization());
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void purge() {
        authorizations.purgeExpired();
    }
}
