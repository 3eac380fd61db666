package dev.roster.user;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a user is in its life: invited (has not signed in yet), active, or deactivated (may not sign in). */
public enum UserStatus {
    INVITED,
    ACTIVE,
    DEACTIVATED;

    @JsonValue
    public String code() {
        return name().toLowerCase();
    }
}
