/**
 * Idempotency keys: a mutating POST sent again with the same {@code Idempotency-Key} and body within 24 hours
 * gets the first answer again and changes nothing; with another body it is refused (422), and while the first is
 * still running it is refused (409). Keys are scoped to the credential that sent them, and coordinated through
 * the database so that they hold across nodes.
 */
package dev.roster.idempotency;
