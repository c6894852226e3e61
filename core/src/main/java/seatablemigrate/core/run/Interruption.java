package seatablemigrate.core.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Ctrl-C request. The signal handler calls {@link #request()}; the runner checks between steps and during waits,
 * then walks its compensations, so the host is left consistent. Waiting here wakes up at once on a request.
 */
public final class Interruption {
    private final CountDownLatch requested = new CountDownLatch(1);

    public void request() {
        requested.countDown();
    }

    public boolean requested() {
        return requested.getCount() == 0;
    }

    /** Sleeps for {@code d} or until interruption is requested. */
    public void sleep(Duration d) {
        try {
            requested.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request();
        }
    }
}
