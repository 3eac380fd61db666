package dev.roster.oidc;

import java.util.List;
import java.util.UUID;

/**
 * The fields of an application, for create and PATCH.
 *
 * @param name required, at most 200 characters
 * @param type {@code confidential} or {@code public}; required on create, cannot be changed
 * @param redirectUris 1 to 20 absolute URIs without fragment or wildcard: https, or http on 127.0.0.1, [::1] or
 *     localhost; kept exactly as given
 * @param postLogoutRedirectUris 0 to 20, by the same rules
 * @param organizationIds the organizations whose users may sign in (at most 50, each one the caller reaches); null
 *     or absent for every organization the caller reaches
 * @param clientCredentials for a confidential application: the organization and role it acts with on its own
 *     (the client_credentials grant); null for none
 */
public record ApplicationRequest(
        String name,
        String type,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        List<UUID> organizationIds,
        ClientCredentials clientCredentials) {}
