/**
 * Organizations, their plans and seat limits, and which organizations a caller may act in. Seats are taken and
 * released here with one guarded update each, so no number of concurrent requests can overshoot a limit.
 */
package dev.roster.organization;
