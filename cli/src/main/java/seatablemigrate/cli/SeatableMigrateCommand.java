package seatablemigrate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.spi.ConnectionOptions;

/**
 * The top command; its options are inherited, so they work before and after the subcommand's name. Its subcommands are
 * added by {@link CommandTree}, which models only those a command line names.
 */
@Command(name = "seatable-migrate", mixinStandardHelpOptions = true, versionProvider = Versions.Provider.class,
        description = "Switches a SeaTable Server between Enterprise and Developer Edition, and upgrades it, safely.",
        // The one list of exit codes: the help shows it, the man page's EXIT STATUS is made from it, and a test holds it
        // to Outcome's codes and to the README's table.
        exitCodeList = {"0:done, or nothing to do (already the requested edition or release)",
                "2:bad usage or input; nothing was looked at or changed",
                "3:nothing changed: refused, unreachable, or failed before any change",
                "4:failed and rolled back; the previous edition is verified running",
                "5:needs attention: the message says the host's state and the command that recovers it",
                "10:changes pending (plan --detailed-exitcode)",
                "130:interrupted (Ctrl-C): stopped at a consistent point, rolled back if the stack had been touched",
                "143:terminated (SIGTERM): stopped as by Ctrl-C"})
public final class SeatableMigrateCommand implements Callable<Integer> {
    /** Where the output goes: decides colour, the progress line and the width ({@link Main} detects it once). */
    final Terminal terminal;

    /**
     * Where a fleet's host command reports, as values, instead of printing ({@link HostCommandLine#run}); empty for a
     * command the user typed.
     */
    Optional<Reporter> events = Optional.empty();

    /** For output that is not a terminal (tests that only parse). */
    SeatableMigrateCommand() {
        this(Terminal.NONE);
    }

    SeatableMigrateCommand(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal is null");
    }

    @Option(names = "--compose-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "SeaTable's Compose directory (default: ${DEFAULT-VALUE}).")
    Path composeDir = MigrationRequest.DEFAULT_COMPOSE_DIR;

    @Option(names = "--host", scope = ScopeType.INHERIT, paramLabel = "TARGET",
            description = "Where SeaTable runs: 'local' (default), or over SSH: ssh://user@host:port, user@host, host, or a Host alias from ~/.ssh/config.")
    String host = "local";

    @Option(names = "--ssh-config", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "ssh_config to read Host aliases from (default ~/.ssh/config).")
    Path sshConfig;

    @Option(names = "--known-hosts", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "known_hosts file (default ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = {"-i", "--identity"}, scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "SSH key file, tried after the ssh-agent's keys (repeatable). An encrypted key takes its passphrase from $SEATABLE_MIGRATE_SSH_PASSPHRASE or asks on the terminal.")
    List<Path> identities = new ArrayList<>();

    @Option(names = "--accept-new-host-key", scope = ScopeType.INHERIT,
            description = "Record an unknown SSH host key in known_hosts (never a changed one), like OpenSSH's accept-new.")
    boolean acceptNewHostKey;

    @Option(names = "--sudo", scope = ScopeType.INHERIT,
            description = "Over SSH as a non-root user: run every command on the host with 'sudo -n' (checked before anything else).")
    boolean sudo;

    /** The options that reach this host, as a command line names them ({@code --host H --sudo ...}); none for the local host. */
    List<String> connectionWords() {
        List<String> words = new ArrayList<>();
        if (!host.equals("local")) {
            words.addAll(List.of("--host", host));
        }
        if (sshConfig != null) {
            words.addAll(List.of("--ssh-config", sshConfig.toString()));
        }
        if (knownHosts != null) {
            words.addAll(List.of("--known-hosts", knownHosts.toString()));
        }
        identities.forEach(i -> words.addAll(List.of("-i", i.toString())));
        if (sudo) {
            words.add("--sudo");
        }
        return words;
    }

    /** The SSH options as one value for the backend. */
    ConnectionOptions connection() {
        return new ConnectionOptions(Optional.ofNullable(sshConfig), Optional.ofNullable(knownHosts),
                identities, acceptNewHostKey, sudo);
    }

    @Option(names = "--compose", scope = ScopeType.INHERIT, paramLabel = "auto|plugin|standalone", completionCandidates = Candidates.ComposeKinds.class,
            description = "Which Compose to use: 'docker compose' (plugin), 'docker-compose' (standalone) or detect (default).")
    ComposePreference compose = ComposePreference.AUTO;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print one JSON object per event on stdout (schema: docs/json-events.schema.json); exit codes unchanged.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Show each change's shell command as it runs.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print errors only.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    /** Without a command there is nothing to do: the usage goes to stderr and the exit code says so (2). */
    @Override
    public Integer call() {
        TerminalWriter.trusted(spec.commandLine().getErr(), () -> {
            spec.commandLine().usage(spec.commandLine().getErr());
            return null;
        });
        List<String> names = spec.subcommands().entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden() && e.getKey().equals(e.getValue().getCommandName()))
                .map(Map.Entry::getKey).toList();
        throw new UsageException("a command is needed: " + String.join(", ", names.subList(0, names.size() - 1))
                + " or " + names.get(names.size() - 1));
    }
}
