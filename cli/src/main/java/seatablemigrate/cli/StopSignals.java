package seatablemigrate.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Outcome;

/**
 * Ctrl-C and SIGTERM stop a run at a consistent point. The JVM turns either signal into a shutdown; a shutdown hook
 * then asks the run to stop ({@link Interruption}) and holds the exit until the run has rolled back, and the JVM exits
 * with the shells' 128 + signal (130 for SIGINT, 143 for SIGTERM). To say which signal it was (its words in the
 * output, the journal and the fleet's summary), a handler records the signal before handing it on to the JVM's own.
 *
 * <p>A signal that was ignored when the tool started (a background job of a non-interactive shell starts with SIGINT
 * ignored) stays ignored: the JVM installs no handler for it, and neither does this class.
 */
final class StopSignals implements AutoCloseable {
    private static final AtomicReference<Outcome> RECEIVED = new AtomicReference<>();

    static {
        record("INT", Outcome.INTERRUPTED);
        record("TERM", Outcome.TERMINATED);
    }

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);

    private StopSignals(Interruption interruption, Duration grace, String name) {
        this.hook = new Thread(() -> {
            Outcome received = RECEIVED.get();
            interruption.request(received == null ? Outcome.INTERRUPTED : received);
            try {
                finished.await(grace.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }

    /**
     * Until {@link #close()}, a stop signal asks {@code interruption} to stop and holds the JVM's exit for up to
     * {@code grace}, time for the run to walk its compensations.
     */
    static StopSignals forwardTo(Interruption interruption, Duration grace, String name) {
        StopSignals s = new StopSignals(interruption, grace, name);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** The run has ended: a shutdown already under way may go on, and a later signal no longer reaches it. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for 'finished', counted down above
        }
    }

    /**
     * Chains a handler in front of the JVM's handler of {@code signal} that records {@code as}. Through reflection:
     * {@code sun.misc.Signal} is the JDK's supported-but-internal API (module jdk.unsupported) and a direct reference
     * makes javac warn. Where it is missing, or the JVM runs with {@code -Xrs}, the stop still works and says
     * "interrupted".
     */
    private static void record(String signal, Outcome as) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handleOne = handlerClass.getMethod("handle", signalClass);
            Object sig = signalClass.getConstructor(String.class).newInstance(signal);
            AtomicReference<Object> previous = new AtomicReference<>();
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "handle" -> {
                        RECEIVED.compareAndSet(null, as);
                        Object before = previous.get();
                        if (before != null && !isDefaultOrIgnore(before, handlerClass)) {
                            handleOne.invoke(before, args[0]);
                        }
                        return null;
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    default -> {
                        return "StopSignals(" + signal + ")";
                    }
                }
            });
            Object before = signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, sig, handler);
            previous.set(before);
            if (isDefaultOrIgnore(before, handlerClass)) {
                // Not the JVM's shutdown handler (ignored at start, or a VM without one): put back what was there.
                signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, sig, before);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // No sun.misc.Signal, or "signal already used by VM or OS" (-Xrs, wrapped in an InvocationTargetException):
            // nothing is recorded, and a stop still works and says "interrupted".
        }
    }

    private static boolean isDefaultOrIgnore(Object handler, Class<?> handlerClass) throws ReflectiveOperationException {
        return handler == handlerClass.getField("SIG_DFL").get(null) || handler == handlerClass.getField("SIG_IGN").get(null);
    }
}
