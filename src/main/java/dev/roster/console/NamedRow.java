package dev.roster.console;

import java.time.Instant;
import java.util.UUID;

/**
 * One environment, group or position as the console lists it.
 *
 * @param type the group's type label; null for the other kinds or when unset
 * @param members how many live members a group has; null for the other kinds
 */
record NamedRow(UUID id, String name, String type, Long members, Instant updatedAt, String updatedBy) {}
