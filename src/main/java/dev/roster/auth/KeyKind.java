package dev.roster.auth;

import dev.roster.shared.Caller;

/** The three kinds of key and the recognisable prefix each secret starts with. */
enum KeyKind {
    PLATFORM("roster_platform_", Caller.Kind.PLATFORM),
    PARTNER("roster_partner_", Caller.Kind.PARTNER),
    ORGANIZATION("roster_org_", Caller.Kind.ORGANIZATION);

    private final String prefix;
    private final Caller.Kind callerKind;

    KeyKind(String prefix, Caller.Kind callerKind) {
        this.prefix = prefix;
        this.callerKind = callerKind;
    }

    String prefix() {
        return prefix;
    }

    Caller.Kind callerKind() {
        return callerKind;
    }

    String code() {
        return name().toLowerCase();
    }

    static KeyKind ofCode(String code) {
        return valueOf(code.toUpperCase());
    }
}
