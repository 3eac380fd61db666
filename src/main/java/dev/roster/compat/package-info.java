/**
 * Compatibility surfaces: one sub-package per seed page, each serving that page's endpoint at its own path with its
 * own request fields, response shape, status codes and error body (an {@link dev.roster.shared.ErrorDialect}). They
 * are thin: every rule comes from the feature services they call. Nothing in Roster depends on them.
 */
package dev.roster.compat;
