package seatablemigrate.backend.ssh;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.spi.BackendProvider;
import seatablemigrate.core.spi.ConnectionOptions;
import seatablemigrate.core.spi.HostBackend;

/** Serves every {@code --host} other than {@code local}: SSH targets and ssh_config aliases. */
public final class SshBackendProvider implements BackendProvider {
    /** The environment variable that holds the passphrase of encrypted key files. */
    public static final String PASSPHRASE_VARIABLE = "SEATABLE_MIGRATE_SSH_PASSPHRASE";
    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public boolean accepts(String hostTarget) {
        return (!hostTarget.equals("local") && !hostTarget.equals("localhost") && !hostTarget.isBlank() && !hostTarget.contains("://"))
                || hostTarget.startsWith("ssh://");
    }

    @Override
    public Module module(String hostTarget, ConnectionOptions options) {
        return new AbstractModule() {
            @Provides
            @Singleton
            HostBackend backend() {
                return new SshHostBackend(hostTarget, () -> connect(hostTarget, options), options.sudo());
            }
        };
    }

    /** Resolves the target the way ssh does (ssh_config alias, defaults, ProxyJump) and connects. */
    static SshConnection connect(String hostTarget, ConnectionOptions options) {
        return connect(hostTarget, options, 0, Optional.empty());
    }

    /** A port from ssh_config; anything but a number in range is a usage error naming the host. */
    private static int port(String value, String host) {
        if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65535) {
            throw new UsageException("ssh_config gives host " + host + " the port '" + value + "', which is not a port number (1-65535)");
        }
        return Integer.parseInt(value);
    }

    /**
     * @param via a connection to reach this host through (the previous hop of a ProxyJump list); then this host's own
     *            ProxyJump is not followed
     */
    private static SshConnection connect(String hostTarget, ConnectionOptions options, int depth, Optional<SshConnection> via) {
        if (depth > 4) {
            throw new UsageException("ProxyJump for " + hostTarget + " nests more than 4 hops");
        }
        SshEndpoint given = SshEndpoint.parse(hostTarget);
        Path home = Path.of(System.getProperty("user.home"));
        // OpenSSH's own evaluation where its client is installed; this tool's reader of the file otherwise.
        Map<String, List<String>> cfg = OpenSshConfig.resolve(options.sshConfig(), given.host()).orElseGet(() -> {
            try {
                return SshConfigFile.read(options.sshConfig().orElse(home.resolve(".ssh/config"))).forHost(given.host());
            } catch (IOException e) {
                throw new UsageException("cannot read the ssh config: " + e.getMessage());
            }
        });
        Optional<String> proxyJump = SshConfigFile.first(cfg, "proxyjump").filter(v -> !v.equalsIgnoreCase("none"));
        String host = SshConfigFile.first(cfg, "hostname").orElse(given.host());
        int port = SshEndpoint.hasPort(hostTarget) ? given.port()
                : SshConfigFile.first(cfg, "port").map(p -> port(p, given.host())).orElse(given.port());
        String user = given.user().or(() -> SshConfigFile.first(cfg, "user")).orElse(System.getProperty("user.name"));
        boolean identitiesOnly = SshConfigFile.first(cfg, "identitiesonly").filter(v -> v.equalsIgnoreCase("yes")).isPresent();
        List<Path> keys = new ArrayList<>(options.identities());
        // A configured key file that does not exist is skipped, as ssh skips it (ssh -G lists its defaults too).
        cfg.getOrDefault("identityfile", List.of()).stream().map(f -> SshConfigFile.expand(f, host)).filter(Files::isRegularFile)
                .forEach(keys::add);
        if (keys.isEmpty()) {
            DEFAULT_KEYS.stream().map(k -> home.resolve(".ssh").resolve(k)).filter(Files::isRegularFile).forEach(keys::add);
        }
        Optional<SshAgent> agent = identitiesOnly && !keys.isEmpty() ? Optional.empty() : SshAgent.fromEnvironment();
        Path knownHosts = options.knownHosts().orElse(home.resolve(".ssh/known_hosts"));
        // ProxyJump: every hop of a comma list in order, each reached through the one before; the first is itself
        // resolved through ssh_config (its own ProxyJump included), as ssh does.
        Optional<SshConnection> jump = via;
        if (jump.isEmpty() && proxyJump.isPresent()) {
            for (String hop : proxyJump.get().split(",")) {
                if (hop.isBlank()) {
                    throw new UsageException("ProxyJump for " + hostTarget + " has an empty hop: '" + proxyJump.get() + "'");
                }
                Optional<SshConnection> previous = jump;
                try {
                    jump = Optional.of(connect(hop.strip(), options, depth + 1, previous));
                } catch (RuntimeException e) {
                    previous.ifPresent(SshConnection::close);
                    throw e;
                }
            }
        }
        try {
            return SshConnection.open(new SshEndpoint(host, port, Optional.of(user)), user,
                    new SshConnection.Options(knownHosts, options.acceptNewHostKey(), keys, agent, Duration.ofSeconds(15), Passphrases.fromEnvironmentOrTerminal()), jump);
        } catch (RuntimeException e) {
            jump.ifPresent(SshConnection::close);
            throw e;
        }
    }
}
