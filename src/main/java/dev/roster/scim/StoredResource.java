package dev.roster.scim;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * What SCIM keeps of a user or group beside Roster's own row.
 *
 * @param tokenId the token that created it; null when it was created another way and only later written by SCIM
 * @param attributes the attributes as last sent, without those Roster owns or never keeps (password, id, meta)
 * @param version bumped by every SCIM write; part of the ETag
 */
record StoredResource(UUID id, UUID tokenId, ObjectNode attributes, long version, Instant updatedAt) {}
