/**
 * What an operator runs Roster with: the management port's metrics and probes, the log format, and the answer
 * Roster gives while its database is out of reach. Nothing feature-specific; features register their own meters.
 */
package dev.roster.shared.operations;
