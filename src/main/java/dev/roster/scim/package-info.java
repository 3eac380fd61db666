/**
 * SCIM 2.0 (RFC 7643, RFC 7644) for each organization at {@code /scim/v2}, mapped onto Roster's own users and
 * groups through {@link dev.roster.user.UserService} and {@link dev.roster.directory.DirectoryService}, so that
 * seats, email uniqueness, the manager rules, audit and webhooks hold whichever door a change comes through. A
 * SCIM token ({@code /v1/scim-tokens}) names the organization; filters become SQL through a whitelist of
 * attributes; attributes Roster does not model are kept as sent; errors answer in SCIM's own shape.
 */
package dev.roster.scim;
