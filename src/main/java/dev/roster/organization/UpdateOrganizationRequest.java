package dev.roster.organization;

/**
 * The fields a PATCH may change; a field left out stays as it is.
 *
 * @param seatLimit an explicit seat limit; null returns to the plan's. Lowering it below the seats in use keeps
 *     every existing user and only stops new ones.
 * @param rolesTakeEffect immediately (the default) or on_accept
 * @param mfaRequired true makes every user enroll an authenticator before it gets any token; an organization's own
 *     admin (organization:manage) may change it
 */
public record UpdateOrganizationRequest(
        String name, String plan, Integer seatLimit, String rolesTakeEffect, Boolean mfaRequired) {}
