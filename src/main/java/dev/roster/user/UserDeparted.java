package dev.roster.user;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;

/** A user was deleted or deactivated, in this transaction: it can no longer join, so what waits for it ends. */
public record UserDeparted(OrganizationId organizationId, UserId userId, String actor) {}
