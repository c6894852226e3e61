package seatablemigrate.backend.dryrun;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.ComposeCli;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.ProgressListener;
import seatablemigrate.core.workflow.Recorder;

/**
 * Reads through to the wrapped backend; records changes instead of applying them. Declared differences from a
 * live backend: {@link #apply} never fails and changes nothing; {@link #lock} takes no lock (a dry-run writes
 * nothing, so it needs none).
 */
public final class RecordingHostBackend implements HostBackend {
    private final HostBackend delegate;
    private final Recorder recorder;

    /** Reads through {@code delegate}; records every change into {@code recorder}. */
    public RecordingHostBackend(HostBackend delegate, Recorder recorder) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.recorder = requireNonNull(recorder, "recorder is null");
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public String engineVersion() {
        return delegate.engineVersion();
    }

    @Override
    public seatablemigrate.core.spi.RegistrySettings registrySettings() {
        return delegate.registrySettings();
    }

    @Override
    public Optional<seatablemigrate.core.registry.HttpTransport> hostHttp() {
        return delegate.hostHttp();
    }

    @Override
    public Optional<byte[]> readFile(Path path) {
        return delegate.readFile(path);
    }

    @Override
    public Optional<byte[]> readTail(Path path, int maxBytes) {
        return delegate.readTail(path, maxBytes);
    }

    @Override
    public Optional<FileStat> stat(Path path) {
        return delegate.stat(path);
    }

    @Override
    public Optional<Sha256> sha256(Path path) {
        return delegate.sha256(path);
    }

    @Override
    public List<Path> list(Path dir) {
        return delegate.list(dir);
    }

    @Override
    public long usableSpace(Path path) {
        return delegate.usableSpace(path);
    }

    @Override
    public List<ContainerState> containers(Map<String, String> labels) {
        return delegate.containers(labels);
    }

    @Override
    public Optional<ContainerState> container(String name) {
        return delegate.container(name);
    }

    @Override
    public List<ImageInfo> images(String repository) {
        return delegate.images(repository);
    }

    @Override
    public Optional<ImageInfo> image(String reference) {
        return delegate.image(reference);
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration timeout) {
        return delegate.exec(container, command, timeout);
    }

    @Override
    public String containerLogs(String container, int lines) {
        return delegate.containerLogs(container, lines);
    }

    @Override
    public ExecResult composeQuery(ComposeCli cli, Path projectDir, Map<String, String> extraEnv, List<String> args, Duration timeout) {
        return delegate.composeQuery(cli, projectDir, extraEnv, args, timeout);
    }

    @Override
    public void download(Path path, Path localTarget, Duration timeout, ProgressListener progress) {
        // A read of the host; it writes only on the machine the tool runs on.
        delegate.download(path, localTarget, timeout, progress);
    }

    @Override
    public HostLock lock(Path lockFile, String owner) {
        return () -> { };
    }

    @Override
    public void apply(Change change, Duration timeout, ProgressListener progress) {
        recorder.applied(change);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
