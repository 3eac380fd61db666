/**
 * Polytomic's Users API (version 2025-09-18) on Roster's services: the partner family under {@code
 * /api/organizations/{org_id}/users}, the current organization's under {@code /api/organization/users}, "Create
 * Partner User API Key" as an organization key acting with the user's role, {@code {"data": ...}} answers, 200 for
 * every success, and Polytomic's {@code {status, message, key, metadata}} errors with 422 for invalid fields.
 */
package dev.roster.compat.polytomic;
