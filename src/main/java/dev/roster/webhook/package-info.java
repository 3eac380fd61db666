/**
 * Webhooks: endpoints subscribe to event types; every change that matches writes a delivery in its own
 * transaction, and a dispatcher sends it after commit, signed the Standard Webhooks way, in order per object,
 * retrying for more than a day. A slow or dead receiver never slows the API.
 */
package dev.roster.webhook;
