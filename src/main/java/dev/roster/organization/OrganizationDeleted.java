package dev.roster.organization;

import dev.roster.shared.OrganizationId;

/**
 * Published inside the transaction that deletes an organization, so that its users and keys go with it.
 *
 * @param actor who deleted it
 */
public record OrganizationDeleted(OrganizationId organizationId, String actor) {}
