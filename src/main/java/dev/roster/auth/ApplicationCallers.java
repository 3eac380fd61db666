package dev.roster.auth;

import dev.roster.shared.Caller;
import java.util.Optional;
import java.util.UUID;

/**
 * The caller an application's own access token (client_credentials) stands for, as the application is now: its
 * organization and its role's permissions, or nothing once it may no longer act (deleted, or the grant taken
 * away). The OpenID Connect provider implements it; auth only asks.
 */
public interface ApplicationCallers {

    Optional<Caller> callerFor(UUID applicationId);
}
