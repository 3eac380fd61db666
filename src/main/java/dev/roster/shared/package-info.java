/**
 * What every feature needs and nothing feature-specific: the verified caller, typed ids, problem errors,
 * pagination and the server's own settings.
 */
package dev.roster.shared;
