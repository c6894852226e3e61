package seatablemigrate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.workflow.Journal;
import seatablemigrate.core.workflow.Outcome;

@Command(name = "status", description = "Shows the installation's edition, version, containers, license and health.",
        footer = {"", "Example:", "  seatable-migrate status --compose-dir /opt/seatable-compose",
                "  seatable-migrate status --json | jq -r 'select(.type==\"installation\") | .installation.edition'"})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    SeatableMigrateCommand global;

    @picocli.CommandLine.Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    BackupRootOption backupRoot;

    @Override
    public Integer call() {
        Output output = Output.of(global, spec.commandLine().getOut(), false, false);
        try (HostBackend host = HostConnection.open(global.host, global.connection(), false)) {
            var workflow = Commands.workflow(host);
            Installation i = workflow.status(global.composeDir.toAbsolutePath().normalize(), global.compose);
            output.installation(i);
            for (Journal.Unfinished u : workflow.unfinishedRuns(backupRoot.path(), i.composeDir())) {
                output.reporter().warn((u.needsAttention() ? "unresolved run " : "interrupted run ") + u.runDir() + " (" + u.describe()
                        + "); the next 'migrate' or 'rollback' completes or rolls it back");
            }
            if (!i.problems().isEmpty()) {
                return output.result(Outcome.REFUSED, String.join("; ", i.problems()));
            }
            return output.summary(Outcome.DONE, "SeaTable: " + i.state().edition().map(e -> e.displayName() + " "
                    + i.state().version().map(Object::toString).orElse("?")).orElse("edition unknown")
                    + (i.seatable().map(c -> ", " + c.condition()).orElse(", not running")));
        }
    }
}
