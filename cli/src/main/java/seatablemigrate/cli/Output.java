package seatablemigrate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.backup.BackupCatalog;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Reporter;

/**
 * Where a command's output goes: text for people (with -v/-q), or events: a JSON event stream (--json), or for a fleet's
 * host the fleet's own reporter ({@link SeatableMigrateCommand#events}), which takes them as values. With -q only errors
 * are printed (failed checks and steps, and a failure's final line): no listing, no warning, no "where the script went".
 * Text that only people read (headings, the steps before a question) is not an event.
 */
final class Output {
    enum Verbosity { QUIET, NORMAL, VERBOSE }

    private final PrintWriter out;
    /** The events' reporter; null for text. */
    private final Reporter events;
    /** With --json, the stream (also {@link #events}); null otherwise. */
    private final JsonReporter json;
    private final ConsoleReporter console;
    private final Verbosity verbosity;

    private Output(PrintWriter out, Reporter events, JsonReporter json, ConsoleReporter console, Verbosity verbosity) {
        this.out = out;
        this.events = events;
        this.json = json;
        this.console = console;
        this.verbosity = verbosity;
    }

    /** -q, -v or neither; both is a usage error. */
    static Verbosity verbosity(SeatableMigrateCommand global) {
        if (global.quiet && global.verbose) {
            throw new UsageException("-q (errors only) and -v (every command) contradict each other: choose one");
        }
        return global.quiet ? Verbosity.QUIET : global.verbose ? Verbosity.VERBOSE : Verbosity.NORMAL;
    }

    /**
     * @param progress whether this command's progress may rewrite its line when the terminal takes control sequences
     *                 ({@link Terminal#controls}, decided once for the help and all output); colour goes by the terminal
     */
    static Output of(SeatableMigrateCommand global, PrintWriter out, boolean progress, boolean dryRun) {
        Verbosity v = verbosity(global);
        if (global.events.isPresent()) {
            return new Output(out, global.events.get(), null, null, v);
        }
        if (global.json) {
            JsonReporter json = new JsonReporter(out, global.host);
            return new Output(out, json, json, null, v);
        }
        return new Output(out, null, null, new ConsoleReporter(out, progress && global.terminal.controls(), global.terminal.colour(), dryRun, v), v);
    }

    Reporter reporter() {
        return events != null ? events : console;
    }

    private boolean people() {
        return events == null && verbosity != Verbosity.QUIET;
    }

    /** Plain text for people; nothing for events or with -q. */
    void text(String line) {
        if (people()) {
            out.println(line);
            out.flush();
        }
    }

    void installation(Installation i) {
        installation(i, true, Optional.empty());
    }

    /**
     * @param problems whether to list what could not be observed; a plan's checks (engine, project) say it, and one
     *                 cause is printed once
     * @param offline  offline, what was read and for whom ({@code copy ./c, planned for db1:/opt/seatable-compose}):
     *                 the installation is what the copy says, nothing of the host was observed
     */
    void installation(Installation i, boolean problems, Optional<String> offline) {
        if (events != null) {
            events.installation(i, offline);
        } else if (verbosity != Verbosity.QUIET) {
            Render.installation(i, out, problems, offline);
            out.flush();
        }
    }

    void releases(List<String> lines) {
        if (people()) {
            Render.releases(lines, out);
            out.flush();
        }
    }

    void plan(MigrationPlan plan) {
        if (events != null) {
            events.planned(plan);
        } else if (verbosity != Verbosity.QUIET) {
            Render.steps(plan, out);
            out.flush();
        }
    }

    /** The steps shown before migrate asks; events have had the plan already ({@link Reporter#planned}). */
    void steps(MigrationPlan plan) {
        if (people()) {
            Render.steps(plan, out);
            out.flush();
        }
    }

    /** The backups listed: a table, or with --json an event each. */
    void backups(List<BackupCatalog.Backup> backups) {
        if (json != null) {
            backups.forEach(json::backup);
        } else if (people() && !backups.isEmpty()) {
            Render.backups(backups, out);
            out.flush();
        }
    }

    void script(Path path) {
        if (events != null) {
            events.script(path);
        } else if (verbosity != Verbosity.QUIET) {
            out.println("Dry run: nothing was changed. Audit script: " + path);
            out.println("Review it, then run it on the host as root: bash " + path);
            out.flush();
        }
    }

    /** Writes a file the command produces (a script, a plan, a report); one that cannot be written is a usage error. */
    static void save(Path file, String what, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UsageException("cannot write the " + what + " " + file + ": " + e.getMessage());
        }
    }

    /** The final line; returns the exit code. With -q only a failure is printed. */
    int result(Outcome outcome, String message) {
        return result(outcome, message, true);
    }

    /** A final line that reports rather than concludes (status, backups): no "Done:" in front. */
    int summary(Outcome outcome, String message) {
        return result(outcome, message, outcome != Outcome.DONE);
    }

    private int result(Outcome outcome, String message, boolean labelled) {
        if (events != null) {
            events.result(outcome, message);
            return outcome.exitCode();
        }
        boolean failed = outcome != Outcome.DONE && outcome != Outcome.NOTHING_TO_DO && outcome != Outcome.CHANGES_PENDING;
        if (verbosity != Verbosity.QUIET || failed) {
            out.println((verbosity == Verbosity.QUIET ? "" : "\n") + (labelled ? label(outcome) : "") + message);
            out.flush();
        }
        return outcome.exitCode();
    }

    private static String label(Outcome o) {
        return switch (o) {
            case DONE -> "Done: ";
            case NOTHING_TO_DO, USAGE -> "";
            case REFUSED -> "Refused: ";
            case FAILED_UNCHANGED -> "Failed before any change: ";
            case UNREACHABLE -> "Unreachable: ";
            case CHANGES_PENDING -> "";
            case ROLLED_BACK -> "Failed, rolled back: ";
            case NEEDS_ATTENTION -> "NEEDS ATTENTION: ";
            case INTERRUPTED -> "Interrupted: ";
            case TERMINATED -> "Terminated: ";
        };
    }
}
