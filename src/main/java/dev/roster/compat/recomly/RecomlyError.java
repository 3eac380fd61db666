package dev.roster.compat.recomly;

/** Recomly's error body (its API Basics page): {@code {"error": "<a human-readable message>"}}. */
record RecomlyError(String error) {}
