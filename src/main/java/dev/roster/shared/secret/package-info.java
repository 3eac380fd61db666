/**
 * Encryption at rest: the secrets Roster must read back (JWT signing keys, webhook signing secrets, the key pepper,
 * stored idempotent answers) are sealed with AES-256-GCM under a master key that is never in the database, so that
 * a copy of the database alone signs nothing. Columns that hold such secrets are declared as {@link
 * dev.roster.shared.secret.SealedColumn} beans; plaintext left in them by an older Roster is sealed on start.
 */
package dev.roster.shared.secret;
