package dev.roster.scim;

/**
 * An organization's SCIM settings.
 *
 * @param scimSendsInvitations true: a user a directory creates is invited by email as usual; false (the default):
 *     it is active at once and gets no email, since the directory's own sign-in brings it in
 */
public record ScimSettings(boolean scimSendsInvitations) {}
