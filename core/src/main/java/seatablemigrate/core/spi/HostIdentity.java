package seatablemigrate.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which machine a backend reached, as far as the tool can tell from what it verified itself: the target as connected
 * and a fact of the machine that a name cannot fake. A reviewed plan records it, and {@code migrate --plan} carries the
 * plan out only where both are the same.
 *
 * @param target      {@code local}, or over SSH {@code user@host:port} as connected (after ssh_config; {@code [addr]:port}
 *                    for IPv6)
 * @param fingerprint locally {@code machine-id <32 hex digits>} (systemd's {@code /etc/machine-id}); over SSH the host
 *                    key that was checked against known_hosts, as OpenSSH prints it ({@code ssh-ed25519 SHA256:...})
 */
public record HostIdentity(String target, String fingerprint) {
    /** The machine id's form: 128 bits as 32 lower-case hex digits (machine-id(5)). */
    private static final Pattern MACHINE_ID = Pattern.compile("[0-9a-f]{32}");

    public HostIdentity {
        requireNonNull(target, "target is null");
        requireNonNull(fingerprint, "fingerprint is null");
        if (target.isBlank() || fingerprint.isBlank()) {
            throw new IllegalArgumentException("a host identity needs a target and a fingerprint");
        }
    }

    /** The machine the tool runs on, by the content of its machine id file; empty when that is not a machine id. */
    public static Optional<HostIdentity> local(String machineIdFile) {
        String id = machineIdFile.strip();
        return MACHINE_ID.matcher(id).matches() ? Optional.of(new HostIdentity("local", "machine-id " + id)) : Optional.empty();
    }

    /** A host reached over SSH as {@code user} on {@code host}:{@code port}, whose verified host key is {@code hostKey}. */
    public static HostIdentity ssh(String user, String host, int port, String hostKey) {
        return new HostIdentity(user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port, hostKey);
    }

    /** For messages: {@code admin@db1:22 (ssh-ed25519 SHA256:...)}. */
    @Override
    public String toString() {
        return target + " (" + fingerprint + ")";
    }
}
