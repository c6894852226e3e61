package seatablemigrate.core.fleet;

import java.util.Optional;

/**
 * How one host of a fleet ended.
 *
 * @param outcome the command's outcome word ({@code done}, {@code rolled-back}, ...), {@code not-started} when the
 *                fleet stopped before this host (--max-fail, Ctrl-C), or {@code skipped} when the host could not take part
 *                (an offline fleet without its copy)
 * @param exitCode the host's exit code as a single-host run would give it; empty when it was not started
 * @param from     what ran before, e.g. {@code enterprise 5.3.4} (empty when unknown)
 * @param to       what the run switched to or would switch to (empty when nothing)
 * @param backup   the backup folder on the host (empty when none)
 * @param message  the final message, one line
 */
public record HostResult(FleetHost host, String outcome, Optional<Integer> exitCode, String from, String to, String backup, String message) {
    public static final String NOT_STARTED = "not-started";

    public static final String SKIPPED = "skipped";

    public static HostResult notStarted(FleetHost host, String why) {
        return new HostResult(host, NOT_STARTED, Optional.empty(), "", "", "", why);
    }

    /** A host that was never started because it cannot take part, and why; not a failure (nothing ran, nothing changed). */
    public static HostResult skipped(FleetHost host, String why) {
        return new HostResult(host, SKIPPED, Optional.empty(), "", "", "", why);
    }

    public boolean started() {
        return exitCode.isPresent();
    }

    /** Failed: started and ended neither done, nothing to do nor with changes pending. */
    public boolean failed() {
        return exitCode.map(c -> c != 0 && c != 10).orElse(false);
    }

    /**
     * How bad an exit code is, for the fleet's own exit code (the worst host's): needs attention, then interrupted,
     * rolled back, nothing changed, bad input, changes pending, done.
     */
    public static int severity(int exitCode) {
        return switch (exitCode) {
            case 0 -> 0;
            case 10 -> 1;
            case 2 -> 2;
            case 3 -> 3;
            case 4 -> 4;
            case 130, 143 -> 5;
            default -> 6;
        };
    }
}
