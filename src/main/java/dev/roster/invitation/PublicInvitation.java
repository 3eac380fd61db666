package dev.roster.invitation;

import java.time.Instant;

/**
 * What the holder of an invitation link may see: whom it is for and from which organization.
 *
 * @param needsName true when the user has no first or last name yet, so the accept page asks for them
 */
public record PublicInvitation(
        String organizationName,
        String email,
        String firstName,
        String lastName,
        Instant expiresAt,
        boolean needsName) {}
