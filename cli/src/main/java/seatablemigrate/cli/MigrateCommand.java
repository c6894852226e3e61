package seatablemigrate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.fleet.FleetCopies;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.PlanFile;

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

    @Mixin
    RunOptions run;

    @Option(names = "--plan", paramLabel = "FILE", description = "Carry out exactly the plan saved by 'plan --out FILE': the same target,"
            + " options and run folder; refused (nothing changed) when the host or the steps differ from what was reviewed.")
    Path planFile;

    @Option(names = "--script-dir", paramLabel = "DIR", description = "With --inventory --dry-run: where each host's audit script"
            + " (<host>.sh), playbook.yml and inventory go, for Ansible (default: the log directory).")
    Path scriptDir;

    @Mixin
    FleetCopyOptions fleetCopies;

    @Mixin
    FleetOptions fleet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        fleet.checkUsage();
        run.checkUsage("migrate", fleet.active());
        if (scriptDir != null && !(fleet.active() && run.dryRun)) {
            throw new UsageException("--script-dir is for a fleet dry-run (--inventory --dry-run); one host's script goes to --script");
        }
        Optional<FleetCopies> copies = fleetCopies.copies(fleet.active(), run.dryRun, options.copy, options.viaUpgrade);
        if (fleet.active()) {
            if (run.script != null || planFile != null || !global.host.equals("local")) {
                throw new UsageException("--script, --plan and --host are for one host; with --inventory use --script-dir");
            }
            options.toRequest(global); // the options are checked once, before any host
            String title = "switch to the " + options.target.displayName();
            return new Fleet(spec, global, fleet, new Fleet.Kind(title, !run.dryRun, run.dryRun))
                    .run(run.yes || run.dryRun, Optional.ofNullable(scriptDir), Optional.ofNullable(run.fetchBackup), copies);
        }
        options.copy.checkDryRun(run.dryRun, "switch");
        run.checkConfirmation("migrate");
        MigrationRequest request = run.fetching(planFile != null ? reviewed() : options.toRequest(global));
        return run.singleHost(global, spec.commandLine().getOut(), Optional.ofNullable(planFile)).run(request);
    }

    /**
     * The request a saved plan carries, every field checked as its option would be (exit 2 before any host is asked);
     * options that would change it are refused.
     */
    private MigrationRequest reviewed() {
        PlanFile file = PlanFile.read(planFile);
        if (file.copy().isPresent() && !run.dryRun) {
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
