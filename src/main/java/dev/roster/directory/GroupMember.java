package dev.roster.directory;

import dev.roster.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/** @param isPrimary whether this is the member's primary group */
public record GroupMember(UUID groupId, UserId userId, boolean isPrimary, Instant addedAt) {}
