package seatablemigrate.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.workflow.Outcome;

/** Entry point: runs the command line and exits with the outcome's code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns the exit code. Never throws for bad input. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SeatableMigrateCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("seatable-migrate: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try 'seatable-migrate " + (ex.getCommandLine().getCommandName().equals("seatable-migrate") ? ""
                    : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return Outcome.USAGE.exitCode();
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof UsageException) {
                err.println("seatable-migrate: " + ex.getMessage());
                return Outcome.USAGE.exitCode();
            }
            if (ex instanceof MigrateException) {
                err.println("seatable-migrate: " + ex.getMessage());
                err.println("Nothing was changed.");
                return Outcome.REFUSED.exitCode();
            }
            err.println("seatable-migrate: internal error: " + ex);
            return Outcome.NEEDS_ATTENTION.exitCode();
        });
        return cl.execute(args);
    }
}
