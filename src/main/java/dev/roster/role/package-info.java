/**
 * Roles and what they grant: the built-in admin and user roles, an organization's custom roles (sets of
 * permissions from {@link dev.roster.shared.Permission}), the environments a role can be scoped to, and the role
 * assignments that give users their permissions, across the organization or on one environment. Nobody can grant a
 * permission it does not hold.
 */
package dev.roster.role;
