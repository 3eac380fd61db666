package dev.roster.sso;

/**
 * A domain to claim, or what to change about one.
 *
 * @param name such as example.com (an internationalized name is kept in its ASCII form)
 * @param ssoRequired users with an email at the domain sign in only through SSO
 */
public record DomainRequest(String name, Boolean ssoRequired) {}
