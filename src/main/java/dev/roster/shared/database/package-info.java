/**
 * Where Roster's PostgreSQL comes from: an external server named by {@code ROSTER_DATABASE_URL}, or a real
 * embedded PostgreSQL whose data lives under the data directory and survives restarts.
 */
package dev.roster.shared.database;
