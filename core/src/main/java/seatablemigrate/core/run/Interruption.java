package seatablemigrate.core.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A request to stop: Ctrl-C (SIGINT) or SIGTERM (what {@code timeout}, systemd and CI cancellation send). The signal
 * handler calls {@link #request(Outcome)}; the runner checks between steps and during waits, then walks its
 * compensations, so the host is left consistent either way. Only the exit code and the words differ: {@link
 * Outcome#INTERRUPTED} (130) for Ctrl-C, {@link Outcome#TERMINATED} (143) for SIGTERM. The first request decides.
 * Waiting here wakes up at once on a request.
 */
public final class Interruption {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicReference<Outcome> cause = new AtomicReference<>();

    /** Ctrl-C. */
    public void request() {
        request(Outcome.INTERRUPTED);
    }

    /**
     * A stop request ending as {@code as}.
     *
     * @throws IllegalArgumentException unless {@code as} is {@link Outcome#INTERRUPTED} or {@link Outcome#TERMINATED}
     */
    public void request(Outcome as) {
        if (as != Outcome.INTERRUPTED && as != Outcome.TERMINATED) {
            throw new IllegalArgumentException("not a stop request: " + as);
        }
        cause.compareAndSet(null, as);
        requested.countDown();
    }

    public boolean requested() {
        return requested.getCount() == 0;
    }

    /** How a stopped run ends: {@link Outcome#INTERRUPTED} unless SIGTERM asked first. */
    public Outcome outcome() {
        Outcome c = cause.get();
        return c == null ? Outcome.INTERRUPTED : c;
    }

    /** Why the run stopped, for a step's failure and the journal: "interrupted (Ctrl-C)" or "terminated (SIGTERM)". */
    public String reason() {
        return outcome() == Outcome.TERMINATED ? "terminated (SIGTERM)" : "interrupted (Ctrl-C)";
    }

    /** Sleeps for {@code d} or until a stop is requested. */
    public void sleep(Duration d) {
        try {
            requested.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request();
        }
    }
}
