/**
 * Invitations: created with a user, emailed through the outbox, resent (rotating the token), revoked, and accepted
 * by setting a password (or by replacing a temporary one at first sign-in). A token is 256 random bits, kept only
 * as a hash, single use and time-limited.
 */
package dev.roster.invitation;
