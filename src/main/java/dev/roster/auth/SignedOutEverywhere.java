package dev.roster.auth;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;

/**
 * Every sign-in of a user (or of every user of an organization) has ended, in the publisher's transaction; the
 * features that keep sign-ins of their own end them too.
 *
 * @param user the user, or null when the whole organization signed out
 * @param organization the organization, or null for one user
 */
public record SignedOutEverywhere(UserId user, OrganizationId organization) {}
