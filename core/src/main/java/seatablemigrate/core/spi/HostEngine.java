package seatablemigrate.core.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.spi.HttpTransport;

/**
 * The host's Docker engine and Compose, asked (never changed: changes go through {@link HostBackend#apply}). An engine
 * that does not answer throws {@link seatablemigrate.core.HostUnavailableException}. Each call is bounded: by its
 * timeout argument where it has one, else by the backend's bound for one engine query (local: 30 s per engine
 * request; SSH: 60 s per command). Command output is decoded as UTF-8. Safe for concurrent use: inspection asks
 * several questions at once.
 */
public interface HostEngine {
    /** The Docker engine's version; throws {@link HostUnavailableException} when it does not answer. */
    String engineVersion();

    /**
     * The engine's platform and registry configuration (Docker Hub mirrors, registries allowed over plain HTTP), as
     * the engine reports it; throws {@link HostUnavailableException} when it does not answer. Bounded in time.
     */
    RegistrySettings registrySettings();

    /**
     * Sends registry requests from the host itself, for registries that only the host reaches (a firewall, a proxy
     * that only the host uses); empty when the host is the machine the tool runs on, where asking again adds nothing.
     * The transport sends GET and HEAD only, and header values (tokens, credentials) never appear on a command line
     * of the host. Each request is bounded by its timeout; safe for concurrent use. Asking changes nothing.
     */
    Optional<HttpTransport> hostHttp();

    /**
     * The folder on the host under which the engine stores the layers of the images it pulls (its {@code DockerRootDir}),
     * where free space decides whether a pull fits; empty when the engine does not say, or when it keeps images in
     * containerd's store (its driver status names a containerd snapshotter), whose folder it does not report. The path
     * is the engine's word: an engine in a virtual machine names a folder of that machine, so callers look at it on the
     * host before they rely on it. Asks the engine's {@code info}, like {@link #registrySettings()}; throws
     * {@link seatablemigrate.core.HostUnavailableException} when the engine does not answer.
     */
    Optional<Path> imageRoot();

    /**
     * {@link #imageRoot()} from the fields of the engine's {@code info}, however a backend reads them.
     *
     * @param dockerRootDir      {@code DockerRootDir}, null when absent
     * @param driverStatusValues the values of {@code DriverStatus}' pairs ({@code io.containerd.snapshotter.v1} for
     *                           containerd's store)
     */
    static Optional<Path> imageRootFromEngineInfo(String dockerRootDir, List<String> driverStatusValues) {
        if (dockerRootDir == null || !dockerRootDir.startsWith("/")
                || driverStatusValues.stream().anyMatch(v -> v != null && v.startsWith("io.containerd.snapshotter"))) {
            return Optional.empty();
        }
        return Optional.of(Path.of(dockerRootDir).normalize());
    }

    /** Containers (running or not) that carry all the given labels with the given values. */
    List<ContainerState> containers(Map<String, String> labels);

    /** The container of that name, if it exists. */
    Optional<ContainerState> container(String name);

    /**
     * Local images with a tag in {@code repository} (with registry prefix, without tag); each lists its tags in that
     * repository only, never its other names.
     */
    List<ImageInfo> images(String repository);

    /** The local image that {@code reference} names, if present. No registry is asked. */
    Optional<ImageInfo> image(String reference);

    /**
     * Runs a read-only command inside a running container without a TTY. Non-zero exit is a result, not an
     * exception; a container that is missing or not running is exit code 1 with the reason on stderr, as
     * {@code docker exec} says it; only a timeout yields an empty exit code. Stdout is decoded as UTF-8.
     */
    ExecResult exec(String container, List<String> command, Duration timeout);

    /** The last {@code lines} lines of a container's log (stdout and stderr). */
    String containerLogs(String container, int lines);

    /**
     * Runs a read-only Compose command ({@code version}, {@code config}) in {@code projectDir} with
     * {@link Change#COMPOSE_ENV_UNSET} removed from the environment and {@code extraEnv} added.
     * Its output may hold secrets: callers must not print it.
     */
    ExecResult composeQuery(ComposeCli cli, Path projectDir, Map<String, String> extraEnv, List<String> args,
                            Duration timeout);
}
