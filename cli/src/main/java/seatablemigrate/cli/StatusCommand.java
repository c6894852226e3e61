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
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.OfflineCopy;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.workflow.Status;

@Command(name = "status", description = "Shows the installation's edition, version, containers, license and health.",
        footer = {"", "Example:", "  seatable-migrate status --compose-dir /opt/seatable-compose",
                "  seatable-migrate status --json | jq -r 'select(.type==\"installation\") | .installation.edition'",
                "  seatable-migrate status --offline --from ./copy-of-seatable-compose"})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    SeatableMigrateCommand global;

    @Mixin
    HelpOption help;

    @Option(names = "--offline", description = "Read a copy of the compose directory (--from), without Docker: what the copy says.")
    boolean offline;

    @Option(names = "--from", paramLabel = "DIR", description = "With --offline: the copy to read (default: --compose-dir).")
    Path from;

    @Spec
    CommandSpec spec;

    @Mixin
    BackupRootOption backupRoot;

    @Mixin
    FleetOptions fleet;

    @Override
    public Integer call() {
        fleet.checkUsage();
        if (fleet.active()) {
            if (offline || from != null || !global.host.equals("local")) {
                throw new UsageException("--inventory names the hosts: give no --host, --offline or --from with it");
            }
            return new Fleet(spec, global, fleet, new Fleet.Kind("status", false, false)).run(true, Optional.empty(), Optional.empty());
        }
        Output output = Output.of(global, spec.commandLine().getOut(), false, false);
        if (from != null && !offline) {
            throw new UsageException("--from names the copy that --offline reads");
        }
        if (offline) {
            try (HostSession local = HostSession.live("local", global.connection())) {
                Path dir = global.composeDir.toAbsolutePath().normalize();
                OfflineCopy copy = OfflineCopy.of(from == null ? dir : from.toAbsolutePath().normalize(), global.host);
                Installation i = local.workflow().inspectOffline(dir, copy.dir(), global.compose);
                output.installation(i, true, Optional.of(copy.describe(dir)));
                Runner.Result result = Status.ofCopy(i);
                return output.summary(result.outcome(), result.message());
            }
        }
        // A usage error in the option is said before the host is asked anything (exit 2: nothing was looked at).
        Path root = backupRoot.path();
        try (HostSession session = HostSession.live(global.host, global.connection())) {
            Status status = session.workflow().status(global.composeDir.toAbsolutePath().normalize(), global.compose, root);
            Installation i = status.installation();
            output.installation(i);
            output.releases(status.releases());
            status.unfinishedRunWarnings().forEach(output.reporter()::warn);
            Runner.Result result = status.result();
            return output.summary(result.outcome(), result.message());
        }
    }
}
