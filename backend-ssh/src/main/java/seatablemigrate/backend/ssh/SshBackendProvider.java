package seatablemigrate.backend.ssh;

import com.google.inject.AbstractModule;
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
        return !hostTarget.equals("local") && !hostTarget.equals("localhost") && !hostTarget.isBlank() && !hostTarget.contains("://")
                || hostTarget.startsWith("ssh://");
    }

    @Override
    public com.google.inject.Module module(String hostTarget, ConnectionOptions options) {
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
        return connect(hostTarget, options, 0);
    }

    private static SshConnection connect(String hostTarget, ConnectionOptions options, int depth) {
        if (depth > 4) {
            throw new UsageException("ProxyJump for " + hostTarget + " nests more than 4 hops");
        }
        SshEndpoint given = SshEndpoint.parse(hostTarget);
        Path home = Path.of(System.getProperty("user.home"));
        Map<String, List<String>> cfg;
        try {
            cfg = SshConfigFile.read(options.sshConfig().orElse(home.resolve(".ssh/config"))).forHost(given.host());
        } catch (IOException e) {
            throw new UsageException("cannot read the ssh config: " + e.getMessage());
        }
        Optional<String> proxyJump = SshConfigFile.first(cfg, "proxyjump").filter(v -> !v.equalsIgnoreCase("none"));
        String host = SshConfigFile.first(cfg, "hostname").orElse(given.host());
        int port = hostTarget.startsWith("ssh://") && given.port() != 22 ? given.port()
                : SshConfigFile.first(cfg, "port").map(Integer::parseInt).orElse(given.port());
        String user = given.user().or(() -> SshConfigFile.first(cfg, "user")).orElse(System.getProperty("user.name"));
        boolean identitiesOnly = SshConfigFile.first(cfg, "identitiesonly").filter(v -> v.equalsIgnoreCase("yes")).isPresent();
        List<Path> keys = new ArrayList<>(options.identities());
        cfg.getOrDefault("identityfile", List.of()).forEach(f -> keys.add(SshConfigFile.expand(f, host)));
        if (keys.isEmpty()) {
            DEFAULT_KEYS.stream().map(k -> home.resolve(".ssh").resolve(k)).filter(Files::isRegularFile).forEach(keys::add);
        }
        Optional<SshAgent> agent = identitiesOnly && !keys.isEmpty() ? Optional.empty() : SshAgent.fromEnvironment();
        Path knownHosts = options.knownHosts().orElse(home.resolve(".ssh/known_hosts"));
        // ProxyJump: the first hop of a comma list is reached first (itself resolved through ssh_config).
        Optional<SshConnection> jump = proxyJump.map(j -> connect(j.split(",")[0].strip(), options, depth + 1));
        try {
            return SshConnection.open(new SshEndpoint(host, port, Optional.of(user)), user,
                    new SshConnection.Options(knownHosts, options.acceptNewHostKey(), keys, agent, Duration.ofSeconds(15), Passphrases.fromEnvironmentOrTerminal()), jump);
        } catch (RuntimeException e) {
            jump.ifPresent(SshConnection::close);
            throw e;
        }
    }
}
