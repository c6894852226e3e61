package seatablemigrate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.plan.Intent;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.PlanFile;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.workflow.PlannedStop;

@Command(name = "plan", description = "Runs the pre-flight checks and shows what 'migrate' would do. Changes nothing.",
        footer = {"", "Examples:", "  seatable-migrate plan --to developer --compose-dir /opt/seatable-compose",
                "  seatable-migrate plan --to enterprise --license ./seatable-license.txt --json"})
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    SeatableMigrateCommand global;

    @Mixin
    HelpOption help;

    @Mixin
    MigrationOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--detailed-exitcode", description = "For CI: exit 10 when the plan has changes to make,"
            + " 0 when there is nothing to do (other codes as usual).")
    boolean detailedExitCode;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the reviewed plan with everything it relied on"
            + " (checksums, image IDs, its run folder); 'migrate --plan FILE' (for an upgrade 'upgrade --plan FILE') carries out exactly this plan or refuses.")
    Path out;

    @Option(names = "--upgrade", description = "Plan an upgrade within the running edition (the 'upgrade' command) instead of a"
            + " switch: to --version, or the newest release the upgrade path allows.")
    boolean upgrade;

    @Mixin
    ReleaseFilesOption releaseFiles;

    @Mixin
    ReportOption report;

    @Mixin
    FleetOptions fleet;

    /** The command that carries this plan out. */
    private String command() {
        return upgrade ? "upgrade" : "migrate";
    }

    private Intent intent() {
        return upgrade ? Intent.UPGRADE : Intent.SWITCH;
    }

    private MigrationRequest request() {
        return options.toRequest(global, intent()).toBuilder()
                .releaseFiles(releaseFiles.read(intent(), ReleaseFilesOption.announcer(global, spec.commandLine().getErr()))).build();
    }

    @Override
    public Integer call() {
        fleet.checkUsage();
        if (fleet.active()) {
            if (out != null || report.given() || options.copy.offline || !global.host.equals("local")) {
                throw new UsageException("--out, --report, --offline and --host are for one host; with --inventory each"
                        + " host's plan is in its log");
            }
            request(); // the options are checked once, before any host
            return new Fleet(spec, global, fleet, new Fleet.Kind(upgrade ? "plan to upgrade" : "plan to switch to the "
                    + options.target.displayName(), false, false))
                    .run(true, Optional.empty(), Optional.empty());
        }
        report.checkName();
        Output output = Output.of(global, spec.commandLine().getOut(), false, false);
        try (HostSession session = HostSession.live(options.copy.hostTarget(global), global.connection())) {
            HostBackend host = session.host();
            MigrationPlan plan = session.workflow().plan(request());
            output.installation(plan.installation(), false, plan.request().offlineSource());
            output.text("");
            output.text("Pre-flight checks:");
            plan.checks().forEach(output.reporter()::check);
            // Both the report and the plan file show the fingerprints: each file is read once for them.
            Map<String, String> fingerprints = report.given() || out != null
                    ? PlanFile.fingerprints(plan, host) : Map.of();
            String hostName = plan.request().offlineSource().orElse(host.describe());
            // A plan that can be carried out is saved with --out: the report names the file's digest. Offline the file
            // names this machine (it holds the copy) and, in words, the host the plan is for.
            Optional<PlannedStop> stop = PlannedStop.of(plan);
            Optional<PlanFile> file = out != null && stop.isEmpty()
                    ? Optional.of(PlanFile.of(plan, fingerprints, host.identity(), hostName, Versions.TOOL)) : Optional.empty();
            report.write(plan, fingerprints, hostName, file.map(f -> f.digest().hex()), global).ifPresent(f -> output.text("Report written to " + f));
            if (stop.isPresent()) {
                return output.result(stop.get().outcome(), stop.get().preview());
            }
            output.plan(plan);
            if (file.isPresent()) {
                Output.save(out, "plan file", file.get().bytes());
                // The digest identifies what was reviewed: 'migrate --plan' shows it again and records it in the run's log.
                output.reporter().info("Plan saved to " + out + " (run " + plan.runDir().getFileName() + ", sha256 " + file.get().digest() + ", for "
                        + (options.copy.offline ? hostName + "): its audit script: seatable-migrate " + command() + " --plan " + out + " --dry-run"
                        : file.get().host() + "): seatable-migrate " + command() + " --plan " + out));
            }
            // The next command runs as written: offline, 'migrate' alone is refused; its dry-run writes the script to review.
            String next = NextCommand.of(spec.root().commandLine().getParseResult(), command(),
                    options.copy.offline ? List.of("--dry-run") : List.of(), Set.of("--json", "--quiet", "--verbose", "--report"));
            return output.result(detailedExitCode ? Outcome.CHANGES_PENDING : Outcome.DONE, options.copy.offline
                    ? "plan ready; its audit script, to review and run on the host: " + next
                    : "plan ready; to carry it out: " + next);
        }
    }
}
