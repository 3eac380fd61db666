package dev.roster.webhook;

/**
 * An endpoint with its signing secret, shown only when it is created or its secret rotated.
 *
 * @param secret {@code whsec_} and base64: verify {@code webhook-signature} with it (Standard Webhooks)
 */
public record CreatedWebhookEndpoint(WebhookEndpoint endpoint, String secret) {}
