package dev.roster.user;

import dev.roster.shared.UserId;

/** Who a user reports to, as the user object shows it. */
public record ManagerSummary(UserId id, String name, String email) {}
