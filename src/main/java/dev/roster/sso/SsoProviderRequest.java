package dev.roster.sso;

/**
 * The writable fields of an SSO provider; on PATCH, absent fields stay as they are.
 *
 * @param protocol oidc or saml
 * @param issuer an https URL (OIDC issuer) or the SAML entity id
 * @param clientId the OIDC client id
 * @param enabled true when omitted on create
 */
public record SsoProviderRequest(String name, String protocol, String issuer, String clientId, Boolean enabled) {}
