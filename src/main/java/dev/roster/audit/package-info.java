/**
 * The append-only audit log: every {@link dev.roster.shared.ChangeMade} is written in the transaction of the change
 * it describes, so the log and the data can never disagree.
 */
package dev.roster.audit;
