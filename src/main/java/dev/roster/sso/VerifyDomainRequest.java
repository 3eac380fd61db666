package dev.roster.sso;

/**
 * How to verify a domain.
 *
 * @param skipDnsCheck true marks it verified without looking at DNS: platform and partner keys only
 */
public record VerifyDomainRequest(Boolean skipDnsCheck) {}
