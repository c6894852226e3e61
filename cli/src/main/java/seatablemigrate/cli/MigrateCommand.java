package seatablemigrate.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.fleet.FleetCopies;
import seatablemigrate.core.plan.MigrationRequest;

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

    @Mixin
    PlanFileOption planFile;

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
            if (run.script != null || planFile.given() || !global.host.equals("local")) {
                throw new UsageException("--script, --plan and --host are for one host; with --inventory use --script-dir");
            }
            options.toRequest(global); // the options are checked once, before any host
            String title = "switch to the " + options.target.displayName();
            return new Fleet(spec, global, fleet, new Fleet.Kind(title, !run.dryRun, run.dryRun))
                    .run(run.yes || run.dryRun, Optional.ofNullable(scriptDir), Optional.ofNullable(run.fetchBackup), copies);
        }
        options.copy.checkDryRun(run.dryRun, "switch");
        run.checkConfirmation("migrate");
        MigrationRequest request = run.fetching(planFile.given()
                ? planFile.reviewed(run.dryRun, "migrate", false, reviewed -> options.conflictsWithPlan(reviewed, global, spec))
                : options.toRequest(global));
        return run.singleHost(global, spec.commandLine().getOut(), Optional.ofNullable(planFile.file)).run(request);
    }
}
