package seatablemigrate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import seatablemigrate.core.fleet.FleetCopies;
import seatablemigrate.core.fleet.FleetHost;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Reporter;

/**
 * The single-host command line a fleet runs for each host: the user's own command line as picocli parsed it, without
 * the fleet's options and the output options, with {@code --host} and whatever the host's variables set (compose
 * directory, backup root, license, key, sudo). Built from picocli's model of what was matched, never by editing the
 * argument strings; {@link #run} carries it out as the command the user would type for that host, so a host behaves in a
 * fleet as it does alone (same checks, request, backup, rollback, stop signals), its events handed over as values.
 */
final class HostCommandLine {
    /** Options the fleet handles itself or sets per host; never passed through. */
    private static final Set<String> FLEET = Set.of("--inventory", "--limit", "--forks", "--serial", "--max-fail", "--list-hosts", "--log-dir",
            "--script-dir", "--host", "--json", "--quiet", "--verbose", "--script", "--fetch-backup", "--from-dir",
            "--seatable-conf-from-dir");

    private final String command;
    private final List<OptionSpec> matched;
    private final CommandSpec spec;

    HostCommandLine(ParseResult root) {
        ParseResult sub = root.subcommand();
        this.spec = sub.commandSpec();
        this.command = spec.name();
        this.matched = new ArrayList<>(root.matchedOptions());
        this.matched.addAll(sub.matchedOptions());
    }

    /**
     * @param script   for a dry-run, where this host's audit script goes
     * @param fetchTo  for {@code --fetch-backup}, this host's own folder under the one given
     * @param copies   for an offline fleet ({@code --from-dir}), the hosts' copies: this host reads its own with {@code --from}
     *                 (and {@code --seatable-conf-from})
     */
    List<String> forHost(FleetHost host, Optional<Path> script, Optional<Path> fetchTo, Optional<FleetCopies> copies) {
        List<String> args = new ArrayList<>(List.of(command, "--host", host.target()));
        for (OptionSpec o : matched) {
            String name = o.longestName();
            if (FLEET.contains(name) || overridden(name, host)) {
                continue;
            }
            if (o.arity().max() == 0) {
                args.add(name);
                continue;
            }
            for (String value : o.originalStringValues()) {
                args.add(name + "=" + value);
            }
        }
        host.composeDir().ifPresent(d -> args.add("--compose-dir=" + d));
        host.backupDir().filter(d -> spec.findOption("--backup-dir") != null).ifPresent(d -> args.add("--backup-dir=" + d));
        host.license().filter(f -> spec.findOption("--license") != null).ifPresent(f -> args.add("--license=" + f));
        host.identity().ifPresent(f -> args.add("--identity=" + f));
        if (host.become() && matched.stream().noneMatch(o -> o.longestName().equals("--sudo"))) {
            args.add("--sudo");
        }
        script.ifPresent(f -> args.add("--script=" + f));
        fetchTo.ifPresent(f -> args.add("--fetch-backup=" + f));
        copies.flatMap(c -> c.folder(host)).ifPresent(f -> args.add("--from=" + f));
        copies.flatMap(c -> c.seatableConf(host)).ifPresent(f -> args.add("--seatable-conf-from=" + f));
        return args;
    }

    private static boolean overridden(String option, FleetHost host) {
        return switch (option) {
            case "--compose-dir" -> host.composeDir().isPresent();
            case "--backup-dir" -> host.backupDir().isPresent();
            case "--license" -> host.license().isPresent();
            default -> false;
        };
    }

    /**
     * Runs a host's command line ({@link #forHost}) in this process as the command it names: its events go to
     * {@code events} (the result included, also when the command fails), what it prints to {@code printed} line by
     * line (stderr's lines marked). Returns the exit code the command would exit with alone.
     */
    static int run(List<String> args, Reporter events, Consumer<String> printed) {
        CommandLine cl = CommandTree.forArgs(args);
        ((SeatableMigrateCommand) cl.getCommand()).events = Optional.of(events);
        // What a host's command prints is text (escaped as on a terminal), kept in its log.
        try (PrintWriter out = new TerminalWriter(new PrintWriter(new LineWriter(printed)));
             PrintWriter err = new TerminalWriter(new PrintWriter(new LineWriter(line -> printed.accept("stderr: " + line))))) {
            cl.setOut(out);
            cl.setErr(err);
            Failure failure;
            try {
                ParseResult parsed = cl.parseArgs(args.toArray(String[]::new));
                // Every command a fleet runs (status, plan, migrate, upgrade) is one.
                Callable<?> command = (Callable<?>) parsed.subcommand().commandSpec().userObject();
                return (Integer) command.call();
            } catch (CommandLine.ParameterException e) {
                failure = new Failure(Outcome.USAGE, List.of("seatable-migrate: " + e.getMessage()), e.getMessage());
            } catch (Exception e) {
                failure = Failure.of(e);
            }
            failure.said().forEach(err::println);
            events.result(failure.outcome(), failure.message());
            return failure.outcome().exitCode();
        }
    }
}
