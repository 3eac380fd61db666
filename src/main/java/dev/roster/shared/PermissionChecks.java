package dev.roster.shared;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The permission checks a request made through {@link Caller}, recorded while a recording is open on the thread
 * that serves it. A stored answer (an idempotent replay) is handed out again only while its credential still passes
 * every check the first request passed, whatever the endpoint, without each endpoint saying what it needs.
 *
 * <p>A check reads {@code users:write} (across the organization), {@code users:write@<resource id>} or {@code
 * users:write@*} (on some resource).
 */
public final class PermissionChecks {

    private static final String ANYWHERE = "*";
    private static final ThreadLocal<Set<String>> RECORDING = new ThreadLocal<>();

    private PermissionChecks() {}

    /** Starts recording the checks of this thread's request; close the recording when the request is done. */
    public static Recording record() {
        Set<String> checks = new LinkedHashSet<>();
        RECORDING.set(checks);
        return new Recording(checks);
    }

    /** Whether the caller passes each recorded check now; an unknown permission counts as failed. */
    public static boolean passesAll(Caller caller, Collection<String> checks) {
        return checks.stream().allMatch(check -> passes(caller, check));
    }

    static void note(Permission permission, UUID resource) {
        note(permission.code() + (resource == null ? "" : "@" + resource));
    }

    static void noteAnywhere(Permission permission) {
        note(permission.code() + "@" + ANYWHERE);
    }

    private static void note(String check) {
        Set<String> checks = RECORDING.get();
        if (checks != null) {
            checks.add(check);
        }
    }

    private static boolean passes(Caller caller, String check) {
        int at = check.indexOf('@');
        String code = at < 0 ? check : check.substring(0, at);
        Permission permission = Permission.all().stream()
                .filter(p -> p.code().equals(code))
                .findFirst()
                .orElse(null);
        if (permission == null) {
            return false;
        }
        if (at < 0) {
            return caller.grants().holds(permission);
        }
        String resource = check.substring(at + 1);
        if (resource.equals(ANYWHERE)) {
            return caller.grants().holds(permission)
                    || !caller.grants().resourcesWith(permission).isEmpty();
        }
        try {
            return caller.grants().holds(permission, UUID.fromString(resource));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The checks recorded so far; closing it stops the recording. */
    public static final class Recording implements AutoCloseable {
        private final Set<String> checks;

        private Recording(Set<String> checks) {
            this.checks = checks;
        }

        public List<String> checks() {
            return List.copyOf(checks);
        }

        @Override
        public void close() {
            RECORDING.remove();
        }
    }
}
