package seatablemigrate.cli;

import java.time.Duration;
import java.util.List;
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
import seatablemigrate.core.plan.Intent;
import seatablemigrate.core.plan.MigrationRequest;

@Command(name = "upgrade", description = "Upgrades SeaTable within its edition to a newer release: pre-flight and the upgrade path, a"
        + " verified database dump, pull, start, verify; on failure restores the databases and the previous release.",
        footer = {"", "Examples:",
                "  seatable-migrate upgrade --dry-run                 # the newest release the upgrade path allows, as an audit script",
                "  seatable-migrate upgrade --version 6.0.10 --yes",
                "  seatable-migrate upgrade --release-files ./seatable-release --yes  # the official files too",
                "  seatable-migrate upgrade --download-release-files --yes            # the same, downloaded from GitHub",
                "  seatable-migrate plan --upgrade --version 6.0.10 --report change.html"})
final class UpgradeCommand implements Callable<Integer> {
    @ParentCommand
    SeatableMigrateCommand global;

    @Mixin
    HelpOption help;

    @Option(names = "--version", paramLabel = "X.Y.Z|latest", description = "The release to upgrade to (newer than the running one; a"
            + " lower one is refused). Default and latest: the newest release of the edition's repository that the upgrade path allows.")
    String version;

    @Option(names = "--pin-digest", description = "Write the target as repo:tag@sha256:... (the digest its registry names now) into .env.")
    boolean pinDigest;

    @Mixin
    BackupRootOption backupRoot;

    @Option(names = "--full-restart", description = "Stop the whole stack and start it again (the manual procedure). Default: recreate only"
            + " SeaTable's container while MariaDB, Redis and the proxy keep running.")
    boolean fullRestart;

    @Option(names = "--health-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the new release to migrate the databases and become healthy (default: 30m, at most 24h).")
    Duration healthTimeout = MigrationRequest.DEFAULT_UPGRADE_HEALTH_TIMEOUT;

    @Mixin
    ReleaseFilesOption releaseFiles;

    @Mixin
    OfflineOptions copy;

    @Mixin
    RunOptions run;

    @Mixin
    PlanFileOption planFile;

    @Mixin
    FleetOptions fleet;

    @Mixin
    FleetCopyOptions fleetCopies;

    @Spec
    CommandSpec spec;

    /** The request these options describe; the edition is the one that runs, learnt from the inspection. */
    MigrationRequest toRequest() {
        if (version != null) {
            MigrationRequest.checkVersion(version, "--version");
        }
        MigrationRequest.Builder request = MigrationRequest.upgradeBuilder(MigrationOptions.absolute(global.composeDir, "--compose-dir"))
                .compose(global.compose).version(Optional.ofNullable(version)).backupRoot(backupRoot.path())
                .healthTimeout(MigrationRequest.checkHealthTimeout(healthTimeout, "--health-timeout")).fullRestart(fullRestart)
                .pinDigest(pinDigest)
                .releaseFiles(releaseFiles.read(Intent.UPGRADE, ReleaseFilesOption.announcer(global, spec.commandLine().getErr())));
        copy.applyTo(request, global, Optional.ofNullable(version), pinDigest, true);
        return request.build();
    }

    @Override
    public Integer call() {
        fleet.checkUsage();
        run.checkUsage("upgrade", fleet.active());
        Optional<FleetCopies> copies = fleetCopies.copies(fleet.active(), run.dryRun, copy, true);
        if (fleet.active()) {
            if (run.script != null || planFile.given() || !global.host.equals("local")) {
                throw new UsageException("--script, --plan and --host are for one host; with --inventory each host's script goes to the log"
                        + " directory");
            }
            toRequest(); // checked once, before any host
            return new Fleet(spec, global, fleet, new Fleet.Kind("upgrade", !run.dryRun, run.dryRun))
                    .run(run.yes || run.dryRun, Optional.empty(), Optional.ofNullable(run.fetchBackup), copies);
        }
        Optional<MigrationRequest> options = planFile.given() ? Optional.empty() : Optional.of(toRequest()); // checked first
        copy.checkDryRun(run.dryRun, "upgrade");
        run.checkConfirmation("upgrade");
        MigrationRequest request = options.orElseGet(() -> planFile.reviewed(run.dryRun, "upgrade", true, reviewed -> PlanFileOption.conflicts(
                spec, global, reviewed, List.of("--version", "--release-files", "--download-release-files"), backupRoot.path(),
                healthTimeout, fullRestart, pinDigest)));
        return run.singleHost(global, spec.commandLine().getOut(), Optional.ofNullable(planFile.file)).run(run.fetching(request));
    }
}
