package dev.roster.sso;

import dev.roster.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's identity at one of the organization's SSO providers: who the provider's subject is in Roster.
 *
 * @param subject the provider's {@code sub} for the person, stable at that provider
 * @param email the email the provider gave when the identity was linked
 */
public record Identity(
        UUID id,
        UUID providerId,
        String providerName,
        String subject,
        UserId userId,
        String email,
        Instant createdAt,
        String createdBy,
        Instant lastSignInAt) {}
