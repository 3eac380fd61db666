/**
 * Credentials: platform, partner and organization API keys, and the request filter that turns a bearer key into a
 * {@link dev.roster.shared.Caller}. A key's secret is shown once at creation and kept only as an HMAC.
 */
package dev.roster.auth;
