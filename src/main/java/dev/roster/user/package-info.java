/**
 * Users of an organization: create, list, read, update, deactivate, delete and restore. Each live user takes a seat
 * of the organization; emails are unique per organization and, by default, across the platform.
 */
package dev.roster.user;
