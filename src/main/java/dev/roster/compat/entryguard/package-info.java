/**
 * EntryGuard's "Create User (Invite)" ({@code POST /api/v1/users}) on {@link dev.roster.user.UserService}: an
 * invitation link, EntryGuard's user object, and its {@code {timestamp,status,error,message,path}} errors with the
 * page's messages.
 */
package dev.roster.compat.entryguard;
