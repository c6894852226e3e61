package seatablemigrate.cli;

import java.io.PrintWriter;
import java.time.Duration;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.spi.Change;

/**
 * Renders the workflow for people. On a terminal progress rewrites one line; in a pipe it prints a plain line at
 * most every few seconds.
 */
final class ConsoleReporter implements Reporter {
    private static final long PIPE_PROGRESS_EVERY_NANOS = 5_000_000_000L;
    private final PrintWriter out;
    private final boolean terminal;
    private final boolean colour;
    private final boolean dryRun;
    private final Output.Verbosity verbosity;
    private long lastProgress;
    private String pendingProgress;
    private String progressWhat = "";
    private long progressStart;
    private boolean progressLineOpen;

    ConsoleReporter(PrintWriter out, boolean terminal) {
        this(out, terminal, false, false, Output.Verbosity.NORMAL);
    }

    /**
     * With {@code dryRun}, steps are not reported: the plan shows them and nothing is done. QUIET shows only
     * errors (failed checks and steps); VERBOSE also each change's shell form before it is applied.
     *
     * @param terminal whether progress may rewrite its line ({@link Terminal#controls})
     * @param colour   whether a check's word is coloured ({@link Terminal#colour})
     */
    ConsoleReporter(PrintWriter out, boolean terminal, boolean colour, boolean dryRun, Output.Verbosity verbosity) {
        this.out = out;
        this.terminal = terminal;
        this.colour = colour;
        this.dryRun = dryRun;
        this.verbosity = verbosity;
    }

    private boolean quiet() {
        return verbosity == Output.Verbosity.QUIET;
    }

    @Override
    public synchronized void change(Change change) {
        if (verbosity == Output.Verbosity.VERBOSE && !dryRun) {
            endProgress();
            out.println("    $ " + change.shell().replace("\n", "\n      "));
            out.flush();
        }
    }

    @Override
    public synchronized void check(CheckResult r) {
        if (quiet() && !r.failed()) {
            return;
        }
        endProgress();
        // The same words as in JSON, the run log and audit scripts; the colour goes around the word, the padding after
        // it, so that the columns line up with and without colour.
        String word = "[" + r.status().word() + "]";
        out.print("  ");
        String sgr = colour ? sgr(r.status()) : "";
        if (!sgr.isEmpty()) {
            TerminalWriter.control(out, "\033[" + sgr + "m");
        }
        out.print(word);
        if (!sgr.isEmpty()) {
            TerminalWriter.control(out, "\033[0m");
        }
        out.printf("%s %-15s %s%n", " ".repeat(Math.max(0, 10 - word.length())), r.name(), r.message());
        out.flush();
    }

    /** The colour of a check's word (an SGR parameter): green, yellow, red; a deferred check is plain. */
    private static String sgr(CheckResult.Status status) {
        return switch (status) {
            case PASS -> "32";
            case WARN -> "33";
            case FAIL -> "31";
            case DEFERRED -> "";
        };
    }

    @Override
    public synchronized void stepStarted(Step step) {
        if (dryRun || quiet()) {
            return;
        }
        endProgress();
        out.println("==> " + step.title());
        out.flush();
    }

    @Override
    public synchronized void stepFinished(Step step, Duration took) {
        if (dryRun || quiet()) {
            return;
        }
        endProgress();
        out.printf("    done (%.1f s)%n", took.toMillis() / 1000.0);
        out.flush();
    }

    @Override
    public synchronized void stepFailed(Step step, String reason) {
        endProgress();
        out.println("    FAILED: " + reason);
        out.flush();
    }

    @Override
    public synchronized void progress(String what, long done, long total, String unit, String note) {
        if (quiet()) {
            return;
        }
        long now = System.nanoTime();
        if (!what.equals(progressWhat)) {
            progressWhat = what;
            progressStart = now;
        }
        double seconds = (now - progressStart) / 1e9;
        String amount = unit.equals("bytes") ? Bytes.human(done) + (total > 0 ? " of " + Bytes.human(total) : "")
                + (seconds >= 1 ? ", " + Bytes.human((long) (done / seconds)) + "/s" : "")
                : done + (total > 0 ? " of " + total : "") + " " + unit;
        amount += note.isEmpty() ? "" : "; " + note;
        if (terminal) {
            if (now - lastProgress < 100_000_000L) {
                return;
            }
            lastProgress = now;
            String line = "    " + what + " (" + amount + ")";
            TerminalWriter.control(out, "\r\033[K");
            out.print(line);
            progressLineOpen = true;
        } else {
            // In a pipe: a line every few seconds, and the last figure when the work ends (a short one gets one line).
            String line = "    " + what + " (" + amount + ")";
            boolean complete = total > 0 && done >= total;
            if (!complete && now - Math.max(lastProgress, progressStart) < PIPE_PROGRESS_EVERY_NANOS) {
                pendingProgress = line;
                return;
            }
            lastProgress = now;
            pendingProgress = null;
            out.println(line);
        }
        out.flush();
    }

    @Override
    public synchronized void info(String message) {
        if (quiet()) {
            return;
        }
        endProgress();
        out.println(message);
        out.flush();
    }

    @Override
    public synchronized void warn(String message) {
        if (quiet()) {
            return;
        }
        endProgress();
        out.println("warning: " + message);
        out.flush();
    }

    private void endProgress() {
        if (progressLineOpen) {
            out.println();
            progressLineOpen = false;
        }
        if (pendingProgress != null) {
            out.println(pendingProgress);
            pendingProgress = null;
        }
        lastProgress = 0;
        progressWhat = "";
    }
}
