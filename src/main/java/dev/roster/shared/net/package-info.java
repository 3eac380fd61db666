/**
 * Outbound HTTP to addresses that callers choose (webhook receivers, identity providers): which addresses are
 * allowed, and clients that connect only to the addresses checked.
 */
package dev.roster.shared.net;
