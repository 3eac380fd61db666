package dev.roster.organization;

/**
 * The fields a PATCH may change; a field left out stays as it is.
 *
 * @param seatLimit an explicit seat limit; null returns to the plan's. Lowering it below the seats in use keeps
 *     every existing user and only stops new ones.
 * @param rolesTakeEffect immediately (the default) or on_accept
 * @param mfaRequired true makes every user enroll an authenticator before it gets any token; an organization's own
 *     admin (organization:manage) may change it
 * @param displayName the name on the organization's login pages (at most 200 characters; null for its name)
 * @param logoUrl an https URL of a logo for its login pages (at most 2,000 characters; null for none)
 */
public record UpdateOrganizationRequest(
        String name,
        String plan,
        Integer seatLimit,
        String rolesTakeEffect,
        Boolean mfaRequired,

        @io.swagger.v3.oas.annotations.media.Schema(maxLength = 200)
        String displayName,

        @io.swagger.v3.oas.annotations.media.Schema(maxLength = 2000, format = "uri")
        String logoUrl) {}
