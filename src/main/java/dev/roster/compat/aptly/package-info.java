/**
 * Aptly's "Create user" ({@code POST /v1/user/create}, also at {@code /auth/v1/user/create} as its sample's URL
 * shows) on {@link dev.roster.user.UserService}: roles, groups, manager and positions set in the one creating
 * transaction, Aptly's rich user record in its {@code {statusCode, timestamp, message, data}} envelope, and errors in
 * the same envelope with {@code data: null}.
 */
package dev.roster.compat.aptly;
