package dev.roster.auth;

import java.time.Instant;

/**
 * A new signing key: published in JWKS at once, signing from {@code activatesAt}; the keys it replaces sign until
 * then and verify until their tokens have expired.
 */
public record RotatedSigningKey(String kid, Instant activatesAt) {}
