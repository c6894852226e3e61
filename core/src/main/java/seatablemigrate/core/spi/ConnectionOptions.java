package seatablemigrate.core.spi;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to reach a remote host, as the user gave it; a backend that does not connect anywhere ignores it.
 *
 * @param sshConfig        the ssh_config file to read Host aliases from (default ~/.ssh/config)
 * @param knownHosts       the known_hosts file (default ~/.ssh/known_hosts)
 * @param identities       key files to try after the agent's keys
 * @param acceptNewHostKey record an unknown host key (never a changed one), as OpenSSH's accept-new
 * @param sudo             run every command on the host through {@code sudo -n} (a non-root login)
 */
public record ConnectionOptions(Optional<Path> sshConfig, Optional<Path> knownHosts, List<Path> identities,
                                boolean acceptNewHostKey, boolean sudo) {
    public static final ConnectionOptions NONE = new ConnectionOptions(Optional.empty(), Optional.empty(), List.of(), false, false);

    public ConnectionOptions {
        requireNonNull(sshConfig, "sshConfig is null");
        requireNonNull(knownHosts, "knownHosts is null");
        identities = List.copyOf(identities);
    }
}
