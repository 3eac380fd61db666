/**
 * Roster as an OpenID Connect provider. For now its applications: the clients that may sign users in, each with
 * its exact redirect URIs, confidential (a client secret, kept only as an HMAC) or public (PKCE only), and the
 * organizations whose users may use it. The protocol endpoints read their clients through {@link
 * dev.roster.oidc.ApplicationService}.
 */
package dev.roster.oidc;
