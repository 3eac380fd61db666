package dev.roster.sso;

import dev.roster.shared.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * An email domain an organization claims.
 *
 * @param name lower-case, in its ASCII (IDNA) form
 * @param verification the DNS record that proves control: a TXT record with this value at this name
 * @param ssoRequired users with an email at this domain may not use passwords; they are sent to SSO
 */
public record Domain(
        UUID id,
        OrganizationId organizationId,
        String name,
        boolean verified,
        Instant verifiedAt,
        boolean ssoRequired,
        Verification verification,
        Instant createdAt,
        String createdBy) {

    /** What to publish in DNS. */
    public record Verification(String recordName, String recordType, String value) {}
}
