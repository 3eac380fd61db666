package dev.roster.sso;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SSO sign-in ({@code roster.sso.*}).
 *
 * @param allowPrivateIssuers true lets an issuer live on loopback, private or link-local addresses, and on loopback
 *     over plain http (tests, a Keycloak inside the same private network); false (the default) allows only https to
 *     public unicast addresses, checked at every fetch on the address connected to
 * @param timeout how long one call to a provider (discovery, keys, token) may take
 * @param discoveryMaxAge how long a discovery document is used before it is fetched again
 * @param keysMinRefresh the shortest time between two fetches of a provider's keys for an unknown key id
 * @param clockSkew how far the provider's clock may be from Roster's for exp and iat
 * @param stateLifetime how long a started sign-in may take to come back
 */
@ConfigurationProperties("roster.sso")
public record SsoProperties(
        @DefaultValue("false") boolean allowPrivateIssuers,
        @DefaultValue("PT10S") Duration timeout,
        @DefaultValue("PT24H") Duration discoveryMaxAge,
        @DefaultValue("PT1M") Duration keysMinRefresh,
        @DefaultValue("PT60S") Duration clockSkew,
        @DefaultValue("PT10M") Duration stateLifetime) {}
