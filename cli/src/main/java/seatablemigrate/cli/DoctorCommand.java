package seatablemigrate.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.workflow.Workflow;

@Command(name = "doctor", description = "Checks that this host could be switched, without choosing a target: engine, Compose, SSH and sudo,"
        + " the project, SeaTable's health, the license and its expiry, the database, the backup root and its free space.",
        footer = {"", "Exit codes: 0 ready (warnings are printed), 3 a check fails.", "", "Examples:",
                "  seatable-migrate doctor", "  seatable-migrate --host admin@db1 --sudo doctor --json"})
final class DoctorCommand implements Callable<Integer> {
    @ParentCommand
    SeatableMigrateCommand global;

    @Mixin
    HelpOption help;

    @Mixin
    BackupRootOption backupRoot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Output output = Output.of(global, spec.commandLine().getOut(), false, false);
        try (HostSession session = HostSession.live(global.host, global.connection())) {
            HostBackend host = session.host();
            output.text("seatable-migrate doctor: " + global.composeDir.toAbsolutePath().normalize() + " on " + host.describe());
            List<CheckResult> checks = session.workflow().doctor(global.composeDir.toAbsolutePath().normalize(), global.compose, backupRoot.path());
            // Only now has the host answered: an unreachable one ended the command with its cause above.
            output.reporter().check(CheckResult.pass("connection", host.describe() + " answers" + (global.sudo ? " (sudo -n works)" : "")));
            checks.forEach(output.reporter()::check);
            Runner.Result result = Workflow.doctorResult(checks);
            return output.summary(result.outcome(), result.message());
        }
    }
}
