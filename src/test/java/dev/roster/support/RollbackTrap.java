package dev.roster.support;

import dev.roster.shared.ChangeMade;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Test-only: when armed, fails the transaction that has just queued an invitation email, to show that a change
 * which rolls back sends nothing.
 */
@Component
public class RollbackTrap {

    private static volatile boolean armed;

    public static void arm() {
        armed = true;
    }

    public static void disarm() {
        armed = false;
    }

    @EventListener
    void on(ChangeMade change) {
        if (armed && change.action().equals("invitation.sent")) {
            throw new IllegalStateException("rolled back on purpose by a test");
        }
    }
}
