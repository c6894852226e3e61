package seatablemigrate.core;

import java.util.Objects;
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
}
