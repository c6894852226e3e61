package seatablemigrate.core.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.registry.HttpTransport;

/**
 * One host that runs a SeaTable installation, as the workflow sees it: files, the Docker engine and Compose.
 * Backends differ only in transport (local, SSH, recording); what is about SeaTable lives in core.
 *
 * <p>Contract for all methods: paths are absolute paths on the host. A host, engine or connection that cannot be
 * used throws {@link HostUnavailableException}. Every call is bounded in time. Queries never change the host and
 * may run at any time, also during a dry-run. Changes happen only through {@link #apply}.
 */
public interface HostBackend extends AutoCloseable {

    /** How this host is named in messages, e.g. {@code local host} or {@code admin@db1:22}. */
    String describe();

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

    /** The file's bytes, or empty when there is no regular file at {@code path}. */
    Optional<byte[]> readFile(Path path);

    /** At most the last {@code maxBytes} bytes of a regular file; empty when there is none. */
    Optional<byte[]> readTail(Path path, int maxBytes);

    /** What is at {@code path} (symlinks followed), or empty when nothing is. */
    Optional<FileStat> stat(Path path);

    /** SHA-256 of a regular file's content, streamed; empty when there is none. */
    Optional<Sha256> sha256(Path path);

    /** The entries of a directory, sorted by name; empty when it does not exist. */
    List<Path> list(Path dir);

    /** Bytes available to an unprivileged writer on the file system that holds {@code path} or its nearest existing parent. */
    long usableSpace(Path path);

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

    /**
     * Copies the regular file {@code path} on this host to {@code localTarget} on the machine the tool runs on,
     * streamed (a dump may be gigabytes), reporting bytes. A read: nothing on the host changes. The target is
     * written as a temporary file, mode 0600, and moved in place when complete. Throws
     * {@link seatablemigrate.core.MigrateException} when the copy fails or takes longer than {@code timeout}.
     */
    void download(Path path, Path localTarget, Duration timeout, ProgressListener progress);

    /**
     * Takes the lock file {@code lockFile} for one run. The lock is released by {@link HostLock#close()} and, where the
     * transport allows, when the process dies. Throws {@link LockHeldException} naming the holder when another
     * live run holds it.
     */
    HostLock lock(Path lockFile, String owner);

    /**
     * Performs one change exactly as {@link Change#shell()} describes it. Throws
     * {@link seatablemigrate.core.ChangeFailedException} when it failed (the host may then be partly changed:
     * file writes are atomic, commands are not) and {@link seatablemigrate.core.MigrateException} on timeout.
     */
    void apply(Change change, Duration timeout, ProgressListener progress);

    /** Releases connections; never throws. */
    @Override
    void close();
}
