package dev.roster.webhook;

import java.util.List;

/**
 * @param url where deliveries are POSTed; http or https
 * @param events event types to receive, or ["*"] for all
 * @param enabled true when omitted on create
 */
public record WebhookEndpointRequest(String url, List<String> events, Boolean enabled) {}
