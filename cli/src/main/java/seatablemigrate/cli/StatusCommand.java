package seatablemigrate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.workflow.Journal;
import seatablemigrate.core.workflow.MigrationRequest;
import seatablemigrate.core.workflow.Outcome;

@Command(name = "status", description = "Shows the installation's edition, version, containers, license and health.",
        footer = {"", "Example:", "  seatable-migrate status --compose-dir /opt/seatable-compose"})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    SeatableMigrateCommand global;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--backup-dir", paramLabel = "DIR",
            description = "Where to look for interrupted runs (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path backupRoot = MigrationRequest.DEFAULT_BACKUP_ROOT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (HostBackend host = HostConnection.open(global.host, false)) {
            var workflow = Commands.workflow(host);
            Installation i = workflow.inspect(global.composeDir.toAbsolutePath().normalize(), global.compose);
            Render.installation(i, out);
            for (Journal.Unfinished u : workflow.unfinishedRuns(backupRoot.toAbsolutePath().normalize(), i.composeDir())) {
                out.println("  INTERRUPTED RUN: " + u.runDir() + " (steps done: " + u.stepsDone()
                        + "); the next 'migrate' completes or rolls it back");
            }
            out.flush();
            return i.problems().isEmpty() ? Outcome.DONE.exitCode() : Outcome.REFUSED.exitCode();
        }
    }
}
