package seatablemigrate.core.spi;

import static java.util.Objects.requireNonNull;

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
 * A {@link HostBackend} that hands every call to another one: the base of decorators (the dry-run's recording
 * backend), which override only what they change and so keep the rest of the contract by construction.
 */
public abstract class ForwardingHostBackend implements HostBackend, ForwardingHostFiles {
    private final HostBackend delegate;

    protected ForwardingHostBackend(HostBackend delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    /** The backend calls are handed to. */
    protected final HostBackend delegate() {
        return delegate;
    }

    /** The delegate: it answers every file query a subclass does not override. */
    @Override
    public final HostFiles files() {
        return delegate;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public HostIdentity identity() {
        return delegate.identity();
    }

    @Override
    public String engineVersion() {
        return delegate.engineVersion();
    }

    @Override
    public RegistrySettings registrySettings() {
        return delegate.registrySettings();
    }

    @Override
    public Optional<HttpTransport> hostHttp() {
        return delegate.hostHttp();
    }

    @Override
    public Optional<Path> imageRoot() {
        return delegate.imageRoot();
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
    public HostLock lock(Path lockFile, String owner) {
        return delegate.lock(lockFile, owner);
    }

    @Override
    public void apply(Change change, Duration timeout, ProgressListener progress) {
        delegate.apply(change, timeout, progress);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
