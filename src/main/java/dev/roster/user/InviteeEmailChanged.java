package dev.roster.user;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;

/**
 * Published inside the transaction that changed the email of a user who has not accepted its invitation yet. The
 * invitation went to the old address; whoever can redirect it can take the user's roles, so the change is checked
 * as a grant of them and the old invitation ends.
 */
public record InviteeEmailChanged(Caller caller, OrganizationId organizationId, UserId userId) {}
