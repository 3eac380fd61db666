package dev.roster.compat.entryguard;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of EntryGuard's create user. Fields the page does not name are ignored, as the Spring Boot service the
 * page describes ignores them.
 *
 * @param email valid and unique within the organization (and, by Roster's default, the platform)
 * @param name the user's full name
 * @param isOrgAdmin true makes an organization admin; false when omitted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(name = "EntryGuardCreateUserRequest")
record EntryGuardCreateUserRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String email, String name, Boolean isOrgAdmin) {}
