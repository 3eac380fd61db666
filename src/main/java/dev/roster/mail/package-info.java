/**
 * Outgoing email: an outbox written in the transaction of the change that caused a message, and a dispatcher that
 * claims due messages with {@code FOR UPDATE SKIP LOCKED}, sends them over SMTP (or to .eml files when no SMTP
 * server is configured), retries with exponential backoff and gives up after a configurable number of tries.
 */
package dev.roster.mail;
