package dev.roster.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery ({@code roster.webhooks.*}).
 *
 * @param allowPrivateTargets true lets endpoints point at loopback, private and link-local addresses (tests,
 *     private networks); false refuses every address that is not public unicast when the endpoint is saved and
 *     again at every delivery, where the address checked is the one connected to
 * @param retryDelays the waits between tries; after the last, the delivery has failed (about 27 hours in all)
 * @param timeout how long one delivery may take
 */
@ConfigurationProperties("roster.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateTargets,

        @DefaultValue({"PT5S", "PT5M", "PT30M", "PT2H", "PT5H", "PT10H", "PT10H"})
        List<Duration> retryDelays,

        @DefaultValue("PT10S") Duration timeout,
        @DefaultValue("PT1S") Duration pollInterval) {}
