/**
 * Where Roster's PostgreSQL comes from: an external server named by {@code ROSTER_DATABASE_URL}, or a real
 * embedded PostgreSQL whose data lives under the data directory and survives restarts; and the answer Roster gives
 * while it is out of reach ({@code 503 database_unavailable}).
 */
package dev.roster.shared.database;
