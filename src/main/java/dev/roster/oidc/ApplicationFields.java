package dev.roster.oidc;

import java.util.List;
import java.util.UUID;

/** The checked, changeable fields of an application, as the repository writes them. */
record ApplicationFields(
        String name, List<String> redirectUris, List<String> postLogoutRedirectUris, List<UUID> organizationIds) {}
