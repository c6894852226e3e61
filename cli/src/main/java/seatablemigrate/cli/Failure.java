package seatablemigrate.cli;

import java.util.List;
import java.util.concurrent.CompletionException;
import seatablemigrate.core.HostUnreachableException;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.run.Outcome;

/**
 * How a command that threw ends, alone ({@link Main}) or as a fleet's host ({@link HostCommandLine#run}): its outcome,
 * what it says on stderr, and its result's message.
 *
 * @param said    the lines for stderr
 * @param message the result's message (the result event's, the fleet's summary)
 */
record Failure(Outcome outcome, List<String> said, String message) {
    /** The failure {@code thrown} stands for; anything but the tool's own exceptions is a bug, said without Java's class names. */
    static Failure of(Throwable thrown) {
        // A question asked in parallel fails wrapped; the user sees its cause.
        Throwable ex = thrown instanceof CompletionException && thrown.getCause() instanceof Exception cause ? cause : thrown;
        if (ex instanceof HostUnreachableException) {
            return new Failure(Outcome.UNREACHABLE, List.of("seatable-migrate: " + ex.getMessage(), "Nothing was changed."),
                    ex.getMessage() + "; nothing was changed");
        }
        if (ex instanceof UsageException) {
            return new Failure(Outcome.USAGE, List.of("seatable-migrate: " + ex.getMessage()), ex.getMessage());
        }
        if (ex instanceof MigrateException) {
            return new Failure(Outcome.REFUSED, List.of("seatable-migrate: " + ex.getMessage(), "Nothing was changed."),
                    ex.getMessage() + "; nothing was changed");
        }
        String what = "internal error" + (ex.getMessage() == null || ex.getMessage().isBlank() ? "" : ": " + ex.getMessage())
                + " (a bug in seatable-migrate " + Versions.TOOL + "; please report it with the command line)";
        return new Failure(Outcome.NEEDS_ATTENTION, List.of("seatable-migrate: " + what), what);
    }
}
