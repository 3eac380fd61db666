package dev.roster.compat.aptly;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** @param tenantGroupTypeName the group's type, such as Organization; Roster's group types have no ids */
@Schema(name = "AptlyPrimaryOrganization")
record AptlyPrimaryOrganization(String groupName, UUID tenantGroupTypeId, String tenantGroupTypeName) {}
