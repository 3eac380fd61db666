package dev.roster.shared.operations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue rows a dispatcher claimed and has not started yet. At shutdown it gives them back, so that another
 * node sends them at once instead of waiting for the claims to run out; a row is either started or given back,
 * never both.
 */
public final class Claims {

    private static final Logger log = LoggerFactory.getLogger(Claims.class);

    private final Set<UUID> waiting = ConcurrentHashMap.newKeySet();
    private final String what;
    private final Consumer<List<UUID>> release;

    /**
     * @param what the rows, for the log: "messages", "webhook deliveries"
     * @param release makes rows claimable again at once
     */
    public Claims(String what, Consumer<List<UUID>> release) {
        this.what = what;
        this.release = release;
    }

    public void claimed(Collection<UUID> ids) {
        waiting.addAll(ids);
    }

    /** Takes a claimed row to send now; false when it was given back. */
    public boolean start(UUID id) {
        return waiting.remove(id);
    }

    /** Gives back every claim not yet started. */
    public void giveBack() {
        List<UUID> unstarted = new ArrayList<>();
        for (UUID id : List.copyOf(waiting)) {
            if (waiting.remove(id)) {
                unstarted.add(id);
            }
        }
        if (unstarted.isEmpty()) {
            return;
        }
        try {
            release.accept(unstarted);
            log.info("Gave back {} claimed {} for another node to send", unstarted.size(), what);
        } catch (RuntimeException e) {
            log.warn("Could not give back {} claimed {}; their claims run out by themselves", unstarted.size(), what);
        }
    }
}
