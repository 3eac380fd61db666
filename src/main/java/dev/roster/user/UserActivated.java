package dev.roster.user;

import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;

/** An invited user accepted its invitation and is now active; roles that waited for that take effect. */
public record UserActivated(OrganizationId organizationId, UserId userId, String actor) {}
