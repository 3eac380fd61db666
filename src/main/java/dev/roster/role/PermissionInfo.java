package dev.roster.role;

/** One entry of the permission catalog. */
record PermissionInfo(String name, String description) {}
