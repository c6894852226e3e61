package seatablemigrate.core.run;

import java.util.Locale;

/**
 * How a command ended; the one place that maps outcomes to exit codes. {@code FAILED_UNCHANGED}: a step failed
 * before the installation was touched (a pull, the backup), so nothing needed rolling back: exit 3 like a refusal.
 * {@code CHANGES_PENDING}: {@code plan --detailed-exitcode} found a switch to do (10, clear of every other code).
 * {@code UNREACHABLE}: the host could not be reached or logged in to (name not found, connection refused, timeout, host
 * key, authentication), so nothing on it was read or changed: exit 3 like every other "nothing changed", and its own
 * word in JSON and a fleet's summary, since the fix is on the way to the host, not on it. {@code INTERRUPTED} (Ctrl-C)
 * and {@code TERMINATED} (SIGTERM) stop at the same consistent point; their codes are the shells' 128 + signal.
 */
public enum Outcome {
    DONE(0), NOTHING_TO_DO(0), USAGE(2), REFUSED(3), FAILED_UNCHANGED(3), UNREACHABLE(3), ROLLED_BACK(4), NEEDS_ATTENTION(5),
    CHANGES_PENDING(10), INTERRUPTED(130), TERMINATED(143);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The outcome as the JSON streams spell it: lower case with dashes ({@code rolled-back}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
