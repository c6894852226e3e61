package seatablemigrate.core.registry;

import java.util.Optional;

/** Where registry credentials come from. Implementations are safe to call from several threads. */
@FunctionalInterface
public interface CredentialSource {
    CredentialSource NONE = registry -> Optional.empty();

    /**
     * The credential for {@code registry} ({@code host[:port]}, or {@code docker.io} for Docker Hub), empty when the
     * user has none. Never throws for a missing or broken configuration: that is "no credential", said on stderr by
     * the caller's report, not a failure.
     */
    Optional<Credential> forRegistry(String registry);
}
