package seatablemigrate.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import seatablemigrate.core.run.Outcome;

/** Entry point: runs the command line and exits with the outcome's code. */
public final class Main {
    /** Where a target version goes, for a --version that was taken for the tool's own. */
    static final String TARGET_VERSION_HINT = "seatable-migrate plan --to EDITION --version X.Y.Z";
    private Main() {}

    public static void main(String[] args) {
        StartupArchive.forgetIfStale(System.getProperties());
        // UTF-8 whatever the locale: JSON is UTF-8, and names and messages may hold any character.
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), Terminal.detect()));
    }

    /** Runs one command line with output that is not a terminal (plain text); returns the exit code. */
    public static int run(String[] args, PrintWriter terminalOut, PrintWriter terminalErr) {
        return run(args, terminalOut, terminalErr, Terminal.NONE);
    }

    /** Runs one command line for {@code terminal}; returns the exit code. Never throws for bad input. */
    static int run(String[] args, PrintWriter terminalOut, PrintWriter terminalErr, Terminal terminal) {
        return run(args, CommandTree.forArgs(Arrays.asList(args), terminal), terminalOut, terminalErr);
    }

    /** Runs one command line with this model of the commands ({@link CommandTree}); returns the exit code. */
    static int run(String[] args, CommandLine cl, PrintWriter terminalOut, PrintWriter terminalErr) {
        Terminal terminal = ((SeatableMigrateCommand) cl.getCommand()).terminal;
        // The one place where output to people is made safe: what a host wrote is text, never terminal control.
        TerminalWriter out = new TerminalWriter(terminalOut);
        TerminalWriter err = new TerminalWriter(terminalErr);
        // --json promises a result event at the end of every stream, also when the command line or the host failed.
        String jsonHost = Arrays.asList(args).contains("--json") ? host(args) : null;
        cl.setOut(out);
        cl.setErr(err);
        // The help is coloured exactly when the check lines are (one decision), and as wide as COLUMNS or the terminal.
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(terminal.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        // The launcher asks the terminal's width once (stty) and passes it as picocli.usage.width: picocli's own detection
        // would run stty again and poll for it.
        cl.setUsageHelpAutoWidth(terminal.columns().isEmpty() && System.getProperty("picocli.usage.width") == null);
        terminal.columns().ifPresent(c -> cl.setUsageHelpWidth(Math.max(HelpLayout.MIN_WIDTH, c)));
        HelpLayout.install(cl);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("seatable-migrate: " + ex.getMessage());
            suggest(ex, err);
            err.println("Try 'seatable-migrate " + (ex.getCommandLine().getCommandName().equals("seatable-migrate") ? ""
                    : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return result(jsonHost, out, Outcome.USAGE, ex.getMessage());
        });
        cl.setExecutionExceptionHandler((thrown, c, parseResult) -> {
            Failure failure = Failure.of(thrown);
            failure.said().forEach(err::println);
            return result(jsonHost, out, failure.outcome(), failure.message());
        });
        cl.setExecutionStrategy(parseResult -> {
            requireWhole(parseResult);
            // Help is the tool's own text: its colours pass (a help request is answered before any command runs).
            Integer help = out.trusted(() -> err.trusted(() -> CommandLine.executeHelpRequest(parseResult)));
            return help != null ? help : new CommandLine.RunLast().execute(parseResult);
        });
        return cl.execute(args);
    }

    /** picocli's suggestion; for a mistyped command only the closest name, as the user types it ("Did you mean: migrate?"). */
    private static void suggest(CommandLine.ParameterException ex, PrintWriter err) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.isUnknownOption() && !u.getSuggestions().isEmpty()) {
            String best = u.getSuggestions().get(0);
            String parent = (u.getCommandLine().getCommandSpec().qualifiedName() + " ").replaceFirst("^seatable-migrate ", "");
            err.println("Did you mean: " + parent + best.substring(best.lastIndexOf(' ') + 1) + "?");
        } else {
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        }
    }

    /**
     * Lets only a whole command line run: picocli honours {@code --help} and the tool's {@code --version} before it
     * reports unmatched arguments, so {@code migrat --to developer --version 6.0.2} printed the version and succeeded.
     * Every unmatched argument is a usage error first, with picocli's suggestion, and the tool's version is printed
     * only for {@code --version} or {@code -V} alone.
     */
    private static void requireWhole(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
            }
        }
        if (parsed.isVersionHelpRequested() && parsed.originalArgs().size() > 1) {
            throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(), "--version (-V) prints the tool's version and"
                    + " stands alone; a target version goes after the command: " + TARGET_VERSION_HINT);
        }
    }

    /** The exit code of an error; with --json also the stream's closing result event. */
    private static int result(String jsonHost, PrintWriter out, Outcome outcome, String message) {
        if (jsonHost != null) {
            new JsonReporter(out, jsonHost).result(outcome, message);
        }
        return outcome.exitCode();
    }

    /** The --host of a command line that may not have parsed: for the host field of its result event. */
    private static String host(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--host") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--host=")) {
                return args[i].substring("--host=".length());
            }
        }
        return "local";
    }
}
