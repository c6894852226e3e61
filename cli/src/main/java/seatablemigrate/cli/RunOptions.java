package seatablemigrate.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.plan.MigrationRequest;

/**
 * The options of a command that changes a host ({@code migrate}, {@code upgrade}): ask or not, a dry-run with its script
 * and report, and a copy of the backup for this machine; one declaration, one set of rules (a picocli mixin).
 */
final class RunOptions {
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed when not on a terminal).")
    boolean yes;

    @Option(names = "--dry-run", description = "Change nothing: go through the real workflow, record every change and write an audit script.")
    boolean dryRun;

    @Option(names = "--fetch-backup", paramLabel = "DIR",
            description = "When the run ends, also copy its backup (dumps, .env, license, compose files, journal, log) into DIR on this"
                    + " machine, with progress, and check it against its checksums. Useful over --host; the backup stays on the host too.")
    Path fetchBackup;

    @Option(names = "--script", paramLabel = "FILE", description = "Where --dry-run writes the audit script (default: ./seatable-migrate-<run>.sh).")
    Path script;

    @Mixin
    ReportOption report;

    /** The rules that need no host, for {@code command} on one host or a fleet; a usage error (exit 2) otherwise. */
    void checkUsage(String command, boolean fleet) {
        if (report.given() && (!dryRun || fleet)) {
            throw new UsageException(command + " writes a --report from a dry-run of one host (--dry-run); 'plan --report' needs no dry-run");
        }
        report.checkName();
        if (fetchBackup != null && dryRun) {
            throw new UsageException("--fetch-backup copies the backup a live run makes; a dry-run makes none");
        }
        if (script != null && !dryRun) {
            throw new UsageException("--script is for --dry-run");
        }
    }

    /** A live run without --yes asks on the terminal: without one it is a usage error, before anything. */
    void checkConfirmation(String command) {
        Console console = System.console();
        if (!yes && !dryRun && console == null) {
            throw new UsageException(command + " asks for confirmation, but there is no terminal: add --yes to proceed without asking");
        }
    }

    /** {@code request}, with the backup fetched to {@code --fetch-backup} when given. */
    MigrationRequest fetching(MigrationRequest request) {
        return fetchBackup == null ? request : request.fetchingBackupTo(fetchBackup.toAbsolutePath().normalize());
    }

    /** The run of one host these options describe. */
    SingleHostRun singleHost(SeatableMigrateCommand global, PrintWriter out, Optional<Path> planFile) {
        return new SingleHostRun(global, out, yes, dryRun, Optional.ofNullable(script), report, planFile);
    }
}
