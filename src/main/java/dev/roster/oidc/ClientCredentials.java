package dev.roster.oidc;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * What a confidential application may do on its own, with the {@code client_credentials} grant: act in one
 * organization with one of its roles. Its tokens carry the role's permissions as they are at each request.
 *
 * @param organizationId the organization, one the application's owner reaches
 * @param role the role's name (give this or roleId; admin when neither)
 * @param roleId the role's id
 */
public record ClientCredentials(
        UUID organizationId, @Schema(maxLength = 100) String role, UUID roleId) {}
