package dev.roster.shared.operations;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * The life of a worker that claims queue rows (mail, webhook deliveries, import rows) and works on them on threads
 * of its own. It stops with the scheduler, before the web server finishes its requests and long before the pool
 * closes: it stops claiming and gives back the rows it claimed and had not started, so that another node takes them
 * at once; then it lets the work in progress finish for a few seconds, and whatever still runs keeps its claim,
 * which runs out by itself.
 */
public abstract class ClaimingWorker implements SmartLifecycle, DisposableBean {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ExecutorService threads;
    private final String unfinished;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile boolean started;

    /** The rows claimed and not started. */
    protected final Claims claims;

    /**
     * @param claims the rows claimed and not started, given back on stop
     * @param threads where the work runs; shut down at the end
     * @param unfinished what the log says of work still running after the grace period
     */
    protected ClaimingWorker(Claims claims, ExecutorService threads, String unfinished) {
        this.claims = claims;
        this.threads = threads;
        this.unfinished = unfinished;
    }

    /** Daemon threads named {@code name}, {@code size} of them. */
    protected static ExecutorService daemons(String name, int size) {
        return Executors.newFixedThreadPool(size, r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether the node is stopping: claim nothing more, and start nothing more of what was claimed. */
    protected final boolean stopping() {
        return stopping;
    }

    protected final ExecutorService threads() {
        return threads;
    }

    /**
     * Asks for one more run of {@code pass} on the worker's threads, unless one is already waiting to start; with
     * one thread, passes never overlap on a node.
     */
    protected final void schedule(Runnable pass) {
        if (!stopping && scheduled.compareAndSet(false, true)) {
            threads.execute(() -> {
                scheduled.set(false);
                pass.run();
            });
        }
    }

    @Override
    public final void start() {
        started = true;
    }

    /** Stops claiming and gives back what was claimed and not started, before the scheduler waits for a pass. */
    @Override
    public final void stop() {
        stopping = true;
        started = false;
        claims.giveBack();
    }

    @Override
    public final boolean isRunning() {
        return started;
    }

    /** Stops with the scheduler, before the web server finishes its requests and long before the pool closes. */
    @Override
    public final int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** Lets the work in progress finish, for a few seconds; gives back anything still unstarted. */
    @Override
    public final void destroy() throws InterruptedException {
        stopping = true;
        threads.shutdown();
        claims.giveBack();
        if (!threads.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("{} at shutdown; their claims run out by themselves", unfinished);
            threads.shutdownNow();
        }
    }
}
