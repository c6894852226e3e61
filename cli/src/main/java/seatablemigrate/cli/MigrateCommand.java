package seatablemigrate.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.workflow.Interruption;
import seatablemigrate.core.workflow.Outcome;
import seatablemigrate.core.workflow.Runner;
import seatablemigrate.core.workflow.Workflow;

@Command(name = "migrate", description = "Switches the edition: pre-flight, backup, stop, switch, start, verify; rolls back on failure.",
        footer = {"", "Examples:",
                "  seatable-migrate migrate --to developer --compose-dir /opt/seatable-compose",
                "  seatable-migrate migrate --to enterprise --license ./seatable-license.txt --yes"})
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    SeatableMigrateCommand global;

    @Mixin
    MigrationOptions options;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed when not on a terminal).")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Console console = System.console();
        if (!yes && console == null) {
            throw new UsageException("migrate asks for confirmation, but there is no terminal: add --yes to proceed without asking");
        }
        var request = options.toRequest(global);
        Interruption interruption = new Interruption();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: ask the runner to stop at a consistent point (rolling back if needed) and wait for it.
        Thread hook = new Thread(() -> {
            interruption.request();
            try {
                finished.await(request.healthTimeout().toSeconds() + 300, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "seatable-migrate-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (HostBackend host = HostConnection.open(global.host)) {
            ConsoleReporter reporter = new ConsoleReporter(out, console != null);
            out.println("seatable-migrate: switching " + request.composeDir() + " on " + host.describe() + " to the "
                    + request.target().displayName());
            out.println("Pre-flight checks:");
            Workflow workflow = new Workflow(host, Clock.systemUTC(), interruption);
            Runner.Result result = workflow.migrate(request, plan -> {
                Render.steps(plan, out);
                if (yes) {
                    return true;
                }
                out.flush();
                String answer = console.readLine("%nProceed? [y/N] ");
                return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
            }, reporter);
            out.println();
            out.println(label(result.outcome()) + result.message());
            out.flush();
            return result.outcome().exitCode();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for 'finished'
            }
        }
    }

    private static String label(Outcome o) {
        return switch (o) {
            case DONE -> "Done: ";
            case NOTHING_TO_DO -> "";
            case REFUSED -> "Refused: ";
            case ROLLED_BACK -> "Failed, rolled back: ";
            case NEEDS_ATTENTION -> "NEEDS ATTENTION: ";
            case INTERRUPTED -> "Interrupted: ";
            case USAGE -> "";
        };
    }
}
