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
        // --json promises a result event at the end of every stream, also when the command line or the host failed.
        boolean json = java.util.Arrays.asList(args).contains("--json");
        CommandLine cl = new CommandLine(new SeatableMigrateCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("seatable-migrate: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try 'seatable-migrate " + (ex.getCommandLine().getCommandName().equals("seatable-migrate") ? ""
                    : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return result(json, out, Outcome.USAGE, ex.getMessage());
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof UsageException) {
                err.println("seatable-migrate: " + ex.getMessage());
                return result(json, out, Outcome.USAGE, ex.getMessage());
            }
            if (ex instanceof MigrateException) {
                err.println("seatable-migrate: " + ex.getMessage());
                err.println("Nothing was changed.");
                return result(json, out, Outcome.REFUSED, ex.getMessage() + "; nothing was changed");
            }
            err.println("seatable-migrate: internal error: " + ex);
            return result(json, out, Outcome.NEEDS_ATTENTION, "internal error: " + ex.getClass().getSimpleName());
        });
        return cl.execute(args);
    }

    /** The exit code of an error; with --json also the stream's closing result event. */
    private static int result(boolean json, PrintWriter out, Outcome outcome, String message) {
        return json ? new JsonReporter(out).result(outcome, message) : outcome.exitCode();
    }
}
