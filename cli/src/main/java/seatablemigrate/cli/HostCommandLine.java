package seatablemigrate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import seatablemigrate.core.fleet.FleetHost;

/**
 * The single-host command line a fleet runs for each host: the user's own command line as picocli parsed it, without
 * the fleet's options and the output options, with {@code --host} and whatever the host's variables set
 * (compose directory, backup root, license, key, sudo), and {@code --json} so that the fleet reads its events. Built
 * from picocli's model of what was matched, never by editing the argument strings.
 */
final class HostCommandLine {
    /** Options the fleet handles itself or sets per host; never passed through. */
    private static final Set<String> FLEET = Set.of("--inventory", "--limit", "--forks", "--serial", "--max-fail", "--list-hosts", "--log-dir",
            "--script-dir", "--host", "--json", "--quiet", "--verbose", "--script", "--fetch-backup", "--from-dir");

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
     * @param copy     for an offline fleet ({@code --from-dir}), this host's copy, which it reads with {@code --from}
     */
    List<String> forHost(FleetHost host, Optional<Path> script, Optional<Path> fetchTo, Optional<Path> copy) {
        List<String> args = new ArrayList<>(List.of(command, "--host", host.target(), "--json"));
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
        copy.ifPresent(f -> args.add("--from=" + f));
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
}
