package seatablemigrate.core;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs every task on a new daemon thread. For tasks that wait on a host (a process's output, a socket, an SSH
 * channel) rather than on the CPU: in the common fork-join pool, sized to the cores, such tasks queue behind each
 * other, and a process whose second stream is not read while the first is can block for good.
 */
public final class ThreadPerTask implements Executor {
    private final String name;

    /** @param name the threads' name, as thread dumps show it */
    public ThreadPerTask(String name) {
        this.name = Objects.requireNonNull(name, "name is null");
    }

    @Override
    public void execute(Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * The answer of a question asked on another thread, taken as if it had been asked on this one: a question that
     * failed throws its own exception here, not wrapped, so that a caller sees what it saw when the questions were
     * asked one after another. Waits as long as the question may take: each one is bounded by its own timeout.
     */
    public static <T> T join(CompletableFuture<T> question) {
        try {
            return question.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
