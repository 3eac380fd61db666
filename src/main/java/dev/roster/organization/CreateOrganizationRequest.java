package dev.roster.organization;

/**
 * @param name shown to members, for example in invitation emails
 * @param plan free, starter, business or enterprise
 * @param seatLimit an explicit seat limit replacing the plan's; omit for the plan's
 */
public record CreateOrganizationRequest(String name, String plan, Integer seatLimit) {}
