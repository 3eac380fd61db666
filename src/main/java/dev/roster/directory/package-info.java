/**
 * The organization's structure beyond roles: groups (departments, teams, sites) with members and at most one
 * primary group per user, and positions a user holds. A user's manager lives with the user itself.
 */
package dev.roster.directory;
