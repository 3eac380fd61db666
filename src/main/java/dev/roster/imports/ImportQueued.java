package dev.roster.imports;

import java.util.UUID;

/** Published when an import is stored, so that this node's worker starts on it as soon as the transaction commits. */
record ImportQueued(UUID importId) {}
