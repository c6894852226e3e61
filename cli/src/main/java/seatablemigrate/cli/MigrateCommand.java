package seatablemigrate.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.audit.AuditScript;
import seatablemigrate.core.fleet.FleetCopies;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.PlanFile;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.workflow.Workflow;

@Command(name = "migrate", description = "Switches the edition: pre-flight, backup, stop, switch, start, verify; rolls back on failure.",
        footer = {"", "Examples:",
                "  seatable-migrate migrate --to developer --compose-dir /opt/seatable-compose",
                "  seatable-migrate migrate --to enterprise --license ./seatable-license.txt --yes",
                "  seatable-migrate --host admin@db1 --sudo migrate --to developer --fetch-backup ./backups/db1"})
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    SeatableMigrateCommand global;

    @Mixin
    HelpOption help;

    @Mixin
    MigrationOptions options;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed when not on a terminal).")
    boolean yes;

    @Option(names = "--dry-run", description = "Change nothing: go through the real workflow, record every change and write an audit script.")
    boolean dryRun;

    @Option(names = "--fetch-backup", paramLabel = "DIR",
            description = "When the run ends, also copy its backup (dumps, .env, license, compose files, journal, log) into DIR on this"
                    + " machine, with progress, and check it against its checksums. Useful over --host; the backup stays on the host too.")
    Path fetchBackup;

    @Option(names = "--plan", paramLabel = "FILE", description = "Carry out exactly the plan saved by 'plan --out FILE': the same target,"
            + " options and run folder; refused (nothing changed) when the host or the steps differ from what was reviewed.")
    Path planFile;

    @Option(names = "--script", paramLabel = "FILE", description = "Where --dry-run writes the audit script (default: ./seatable-migrate-<run>.sh).")
    Path script;

    @Option(names = "--script-dir", paramLabel = "DIR", description = "With --inventory --dry-run: where each host's audit script"
            + " (<host>.sh), playbook.yml and inventory go, for Ansible (default: the log directory).")
    Path scriptDir;

    @Option(names = "--from-dir", paramLabel = "COPIES", description = "With --inventory --dry-run --offline: the folder that holds a copy of"
            + " each host's compose directory, in COPIES/<inventory host name>/; a host without one is skipped.")
    Path fromDir;

    @Mixin
    FleetOptions fleet;

    @Mixin
    ReportOption report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        fleet.checkUsage();
        if (report.given() && (!dryRun || fleet.active())) {
            throw new UsageException("migrate writes a --report from a dry-run of one host (--dry-run); 'plan --report' needs no dry-run");
        }
        report.checkName();
        if (scriptDir != null && !(fleet.active() && dryRun)) {
            throw new UsageException("--script-dir is for a fleet dry-run (--inventory --dry-run); one host's script goes to --script");
        }
        if (fromDir != null && !(fleet.active() && dryRun && options.offline)) {
            throw new UsageException("--from-dir names the copies of a fleet's hosts for an offline fleet dry-run (--inventory --dry-run"
                    + " --offline); one host's copy is --from");
        }
        if (fleet.active()) {
            if (script != null || planFile != null || options.from != null || !global.host.equals("local")) {
                throw new UsageException("--script, --plan, --from and --host are for one host; with --inventory use --script-dir"
                        + " (and --from-dir for copies)");
            }
            if (options.offline && (!dryRun || fromDir == null)) {
                throw new UsageException("an offline fleet is a dry-run from copies: --inventory --dry-run --offline --from-dir COPIES, with each"
                        + " host's copy in COPIES/<inventory host name>/");
            }
            options.toRequest(global); // the options are checked once, before any host
            String title = "switch to the " + options.target.displayName();
            return new Fleet(spec, global, fleet, new Fleet.Kind(title, !dryRun, dryRun))
                    .run(yes || dryRun, Optional.ofNullable(scriptDir), Optional.ofNullable(fetchBackup),
                            Optional.ofNullable(fromDir).map(d -> new FleetCopies(MigrationOptions.absolute(d, "--from-dir"))));
        }
        Console console = System.console();
        if (script != null && !dryRun) {
            throw new UsageException("--script is for --dry-run");
        }
        if (options.offline && !dryRun) {
            throw new UsageException("--offline only works with --dry-run: a live switch needs the host");
        }
        if (!yes && !dryRun && console == null) {
            throw new UsageException("migrate asks for confirmation, but there is no terminal: add --yes to proceed without asking");
        }
        if (fetchBackup != null && dryRun) {
            throw new UsageException("--fetch-backup copies the backup a live run makes; a dry-run makes none");
        }
        var asked = planFile != null ? reviewed() : options.toRequest(global);
        var request = fetchBackup == null ? asked : asked.fetchingBackupTo(fetchBackup.toAbsolutePath().normalize());
        return new SingleHostRun(global, spec.commandLine().getOut(), yes, dryRun, Optional.ofNullable(script), report,
                Optional.ofNullable(planFile)).run(request);
    }

    /**
     * The request a saved plan carries, every field checked as its option would be (exit 2 before any host is asked);
     * options that would change it are refused.
     */
    private MigrationRequest reviewed() {
        PlanFile file = PlanFile.read(planFile);
        if (file.copy().isPresent() && !dryRun) {
            // Nothing of the host was observed: what a board approved is the script this writes, which checks the host first.
            throw new UsageException(planFile + " was planned offline from the " + file.request().offlineSource().orElseThrow() + ": no host"
                    + " was observed, so it is not carried out on one. Write its audit script with 'seatable-migrate migrate --plan " + planFile
                    + " --dry-run' (from the same copy, refused when the copy or the steps differ from the plan), review it, and run it on the host");
        }
        MigrationRequest reviewed = file.request();
        List<String> conflicts = options.conflictsWithPlan(reviewed, global, this::given);
        if (!conflicts.isEmpty()) {
            throw new UsageException("--plan carries what was reviewed, and these options would change it: " + String.join(", ", conflicts)
                    + "; leave them out, or make the plan again with them: " + PlanFile.MAKE_AGAIN);
        }
        return reviewed;
    }

    /** Whether the user gave option {@code name} on this command line (here or, for an inherited one, before the command). */
    private boolean given(String name) {
        for (CommandLine.ParseResult p = spec.root().commandLine().getParseResult(); p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(name)) {
                return true;
            }
        }
        return false;
    }
}
