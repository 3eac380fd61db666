/**
 * Recomly's "Create user" ({@code POST /api/app/users}) on {@link dev.roster.user.UserService}: admin and user roles,
 * SSO-only users, a temporary-password invitation, and Recomly's {@code {"error": "..."}} errors.
 */
package dev.roster.compat.recomly;
