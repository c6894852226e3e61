package seatablemigrate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.workflow.MigrationPlan;
import seatablemigrate.core.workflow.Outcome;

@Command(name = "plan", description = "Runs the pre-flight checks and shows what 'migrate' would do. Changes nothing.",
        footer = {"", "Example:", "  seatable-migrate plan --to developer --compose-dir /opt/seatable-compose"})
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    SeatableMigrateCommand global;

    @Mixin
    MigrationOptions options;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--json", description = "Print the plan as one JSON document (same exit codes).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (HostBackend host = HostConnection.open(options.hostTarget(global), false)) {
            MigrationPlan plan = Commands.workflow(host).plan(options.toRequest(global));
            if (json) {
                out.println(seatablemigrate.core.workflow.PlanJson.render(plan));
                out.flush();
                return plan.nothingToDo() ? Outcome.NOTHING_TO_DO.exitCode() : plan.refused() ? Outcome.REFUSED.exitCode() : Outcome.DONE.exitCode();
            }
            Render.installation(plan.installation(), out);
            out.println();
            out.println("Pre-flight checks:");
            ConsoleReporter reporter = new ConsoleReporter(out, false);
            plan.checks().forEach(reporter::check);
            if (plan.nothingToDo()) {
                out.println("Nothing to do: SeaTable already runs the " + options.target.displayName() + ".");
                return Outcome.NOTHING_TO_DO.exitCode();
            }
            if (plan.refused()) {
                out.println("\nRefused: 'migrate' would change nothing until the failed checks pass.");
                return Outcome.REFUSED.exitCode();
            }
            Render.steps(plan, out);
            return Outcome.DONE.exitCode();
        }
    }
}
