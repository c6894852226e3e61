package seatablemigrate.backend.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.SSLConfig;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.ComposeCli;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.LockHeldException;
import seatablemigrate.core.spi.ProgressListener;
import seatablemigrate.core.spi.PullLayers;
import seatablemigrate.core.spi.RegistrySettings;

/** {@link HostBackend} for the machine the tool runs on. The Docker client is created on first use. */
public final class LocalHostBackend implements HostBackend {
    private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(30);
    private DockerClient docker;

    @Inject
    public LocalHostBackend() {}

    private synchronized DockerClient docker() {
        if (docker == null) {
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
            SSLConfig tls = config.getSSLConfig() == null && "unix".equals(config.getDockerHost().getScheme()) ? NoTls.INSTANCE
                    : config.getSSLConfig();
            var http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost()).sslConfig(tls)
                    .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(ENGINE_TIMEOUT).build();
            docker = DockerClientImpl.getInstance(config, http);
        }
        return docker;
    }

    @Override
    public String describe() {
        return "the local host";
    }

    @Override
    public String engineVersion() {
        return engine(() -> docker().versionCmd().exec().getVersion());
    }

    @Override
    public RegistrySettings registrySettings() {
        return engine(() -> {
            var info = docker().infoCmd().exec();
            var config = info.getRegistryConfig();
            if (config == null) {
                return RegistrySettings.fromEngineInfo(info.getOsType(), info.getArchitecture(), List.of(), List.of(), Map.of());
            }
            Map<String, Boolean> indexSecure = new HashMap<>();
            if (config.getIndexConfigs() != null) {
                config.getIndexConfigs().forEach((name, index) -> indexSecure.put(name, index == null ? null : index.getSecure()));
            }
            // docker-java types the mirrors as Object: the engine sends a JSON list of URL strings.
            List<String> mirrors = config.getMirrors() instanceof java.util.Collection<?> list ? list.stream().map(String::valueOf).toList() : List.of();
            return RegistrySettings.fromEngineInfo(info.getOsType(), info.getArchitecture(), mirrors,
                    config.getInsecureRegistryCIDRs() == null ? List.of() : config.getInsecureRegistryCIDRs(), indexSecure);
        });
    }

    /** Runs an engine call; transport failures become {@link HostUnavailableException}. */
    private <T> T engine(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException | ConflictException e) {
            throw e;
        } catch (DockerException e) {
            throw new HostUnavailableException("the Docker engine on the local host answered with an error: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new HostUnavailableException("the Docker engine on the local host does not answer ("
                    + rootMessage(e) + "); is dockerd running and DOCKER_HOST right?", e);
        }
    }

    /** The engine's own words from an error body ({@code Status 500: {"message":"..."}}), else the text as it is. */
    static String engineMessage(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\s*\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : text;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public Optional<seatablemigrate.core.registry.HttpTransport> hostHttp() {
        return Optional.empty(); // the tool runs on this host: asking here again adds nothing
    }

    @Override
    public Optional<byte[]> readFile(Path path) {
        return LocalFiles.readFile(path);
    }

    @Override
    public Optional<byte[]> readTail(Path path, int maxBytes) {
        return LocalFiles.readTail(path, maxBytes);
    }

    @Override
    public Optional<FileStat> stat(Path path) {
        return LocalFiles.stat(path);
    }

    @Override
    public Optional<Sha256> sha256(Path path) {
        return LocalFiles.sha256(path);
    }

    @Override
    public List<Path> list(Path dir) {
        return LocalFiles.list(dir);
    }

    @Override
    public long usableSpace(Path path) {
        return LocalFiles.usableSpace(path);
    }

    @Override
    public List<ContainerState> containers(Map<String, String> labels) {
        var list = engine(() -> docker().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
        List<ContainerState> out = new ArrayList<>();
        for (var c : list) {
            try {
                out.add(state(engine(() -> docker().inspectContainerCmd(c.getId()).exec())));
            } catch (NotFoundException e) {
                // removed between list and inspect
            }
        }
        out.sort(java.util.Comparator.comparing(ContainerState::name));
        return out;
    }

    @Override
    public Optional<ContainerState> container(String name) {
        try {
            return Optional.of(state(engine(() -> docker().inspectContainerCmd(name).exec())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static ContainerState state(InspectContainerResponse r) {
        var s = r.getState();
        String healthStatus = s.getHealth() == null ? "" : String.valueOf(s.getHealth().getStatus());
        ContainerState.Health health = ContainerState.Health.fromDocker(healthStatus);
        Map<String, String> mounts = new HashMap<>();
        if (r.getMounts() != null) {
            r.getMounts().stream().filter(m -> m.getDestination() != null && m.getSource() != null)
                    .forEach(m -> mounts.put(m.getDestination().getPath(), m.getSource()));
        }
        Map<String, String> labels = r.getConfig().getLabels() == null ? Map.of() : r.getConfig().getLabels();
        String name = r.getName().startsWith("/") ? r.getName().substring(1) : r.getName();
        return new ContainerState(name, r.getConfig().getImage(), r.getImageId(), String.valueOf(s.getStatus()), health, labels, mounts);
    }

    @Override
    public List<ImageInfo> images(String repository) {
        List<Image> all = engine(() -> docker().listImagesCmd().exec());
        List<ImageInfo> out = new ArrayList<>();
        for (Image i : all) {
            // The tags of that repository only, as 'docker images REPOSITORY' lists them.
            List<String> tags = i.getRepoTags() == null ? List.of()
                    : Arrays.stream(i.getRepoTags()).filter(t -> t.startsWith(repository + ":")).toList();
            if (!tags.isEmpty()) {
                out.add(new ImageInfo(i.getId(), tags));
            }
        }
        return out;
    }

    @Override
    public Optional<ImageInfo> image(String reference) {
        try {
            InspectImageResponse r = engine(() -> docker().inspectImageCmd(reference).exec());
            return Optional.of(new ImageInfo(r.getId(), r.getRepoTags() == null ? List.of() : r.getRepoTags()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt code = execInto(container, command, Optional.empty(), timeout, out, err, ProgressListener.NONE);
        return new ExecResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs a command in a container without a TTY, with {@code stdin} as its input if given; stdout goes to
     * {@code out} exactly. Empty code on timeout.
     */
    private OptionalInt execInto(String container, List<String> command, Optional<InputStream> stdin, Duration timeout,
                                 OutputStream out, OutputStream err, ProgressListener progress) {
        String id;
        try {
            id = engine(() -> docker().execCreateCmd(container).withCmd(command.toArray(String[]::new))
                    .withAttachStdin(stdin.isPresent()).withAttachStdout(true).withAttachStderr(true).withTty(false).exec().getId());
        } catch (NotFoundException | ConflictException e) {
            // 404: no such container; 409: it is not running or is restarting. A failed command, as 'docker exec' exits 1.
            writeQuietly(err, "container " + container + " cannot run commands: " + e.getMessage());
            return OptionalInt.of(1);
        }
        AtomicLong written = new AtomicLong();
        List<IOException> failures = new ArrayList<>();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    if (frame.getStreamType() == StreamType.STDOUT || frame.getStreamType() == StreamType.RAW) {
                        out.write(frame.getPayload());
                        progress.progress(written.addAndGet(frame.getPayload().length), -1, "bytes", "");
                    } else if (frame.getStreamType() == StreamType.STDERR) {
                        err.write(frame.getPayload());
                    }
                } catch (IOException e) {
                    failures.add(e);
                }
            }
        };
        try {
            var start = docker().execStartCmd(id).withDetach(false).withTty(false);
            stdin.ifPresent(start::withStdIn);
            start.exec(callback);
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                callback.close();
                writeQuietly(err, "timed out after " + timeout.toSeconds() + " s");
                return OptionalInt.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (RuntimeException e) {
            throw new HostUnavailableException("exec in " + container + " failed: " + rootMessage(e), e);
        }
        if (!failures.isEmpty()) {
            throw new ChangeFailedException("writing the output of a command in " + container + " failed: " + failures.get(0).getMessage());
        }
        Long exit = engine(() -> docker().inspectExecCmd(id).exec().getExitCodeLong());
        return exit == null ? OptionalInt.empty() : OptionalInt.of(exit.intValue());
    }

    private static void writeQuietly(OutputStream s, String text) {
        try {
            s.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // only a message
        }
    }

    @Override
    public String containerLogs(String container, int lines) {
        StringBuilder sb = new StringBuilder();
        ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                sb.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        };
        try {
            docker().logContainerCmd(container).withStdOut(true).withStdErr(true).withTail(lines).exec(cb);
            cb.awaitCompletion(10, TimeUnit.SECONDS);
            cb.close();
        } catch (NotFoundException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return sb.toString();
    }

    @Override
    public ExecResult composeQuery(ComposeCli cli, Path projectDir, Map<String, String> extraEnv, List<String> args, Duration timeout) {
        List<String> argv = new ArrayList<>(cli.argv());
        argv.addAll(args);
        return ProcessRunner.run(argv, projectDir, Change.COMPOSE_ENV_UNSET, extraEnv, timeout);
    }

    @Override
    public void download(Path path, Path localTarget, Duration timeout, ProgressListener progress) {
        LocalFiles.download(path, localTarget, progress);
    }

    @Override
    public HostLock lock(Path lockFile, String owner) {
        try {
            Files.createDirectories(lockFile.getParent());
            Process p = new ProcessBuilder(HostLock.holdCommand(lockFile)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (!HostLock.ACQUIRED.equals(first)) {
                p.waitFor(10, TimeUnit.SECONDS);
                String held = Files.exists(HostLock.ownerFile(lockFile)) ? Files.readString(HostLock.ownerFile(lockFile)).strip() : "holder unknown";
                if (p.isAlive() || p.exitValue() != HostLock.HELD) {
                    p.destroyForcibly();
                    throw new MigrateException("cannot take the lock " + lockFile + " (is flock installed?)");
                }
                throw new LockHeldException("another seatable-migrate run holds " + lockFile + " (" + held + ")");
            }
            Files.writeString(HostLock.ownerFile(lockFile), "pid=" + ProcessHandle.current().pid() + " host=" + hostname()
                    + " since=" + Instant.now() + " " + owner + "\n");
            return () -> {
                try {
                    p.getOutputStream().close();
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException ignored) {
                    p.destroy();
                }
            };
        } catch (IOException e) {
            throw new MigrateException("cannot take the lock " + lockFile + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrateException("interrupted while taking the lock " + lockFile);
        }
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void apply(Change change, Duration timeout, ProgressListener progress) {
        try {
            change.accept(new LocalChanges(this, timeout, progress));
        } catch (IOException e) {
            throw new ChangeFailedException(change.describe() + " failed: " + e.getMessage(), e);
        }
    }

    /** Pulls through the engine, reporting bytes; a pinned image by its digest. */
    void pull(ImageRef image, Duration timeout, ProgressListener progress) {
        Map<String, long[]> bytes = new HashMap<>();
        PullLayers layers = new PullLayers();
        ResultCallback.Adapter<PullResponseItem> cb = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(PullResponseItem item) {
                if (item.getId() != null && item.getStatus() != null) {
                    layers.status(item.getId(), item.getStatus());
                }
                if (item.getId() != null && item.getProgressDetail() != null && item.getProgressDetail().getTotal() != null
                        && item.getProgressDetail().getCurrent() != null) {
                    bytes.put(item.getId(), new long[] {item.getProgressDetail().getCurrent(), item.getProgressDetail().getTotal()});
                }
                progress.progress(bytes.values().stream().mapToLong(l -> l[0]).sum(), bytes.values().stream().mapToLong(l -> l[1]).sum(),
                        "bytes", layers.note());
            }
        };
        try {
            var cmd = docker().pullImageCmd(image.repository());
            // The engine's "tag" parameter takes a digest too: a pinned image is pulled by its digest.
            image.digest().or(image::tag).ifPresent(cmd::withTag);
            cmd.exec(cb);
            if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                cb.close();
                throw new ChangeFailedException("pulling " + image + " timed out after " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChangeFailedException("pulling " + image + " was interrupted");
        } catch (IOException | RuntimeException e) {
            if (e instanceof ChangeFailedException cfe) {
                throw cfe;
            }
            throw new ChangeFailedException("pulling " + image + " failed: " + engineMessage(rootMessage(e)), e);
        }
        if (image(image.toString()).isEmpty()) {
            throw new ChangeFailedException("pulling " + image + " finished but the image is not there");
        }
    }

    /** Streams the dump into the database client in its container. */
    /** Streams the host file into the command's stdin inside its container. */
    void load(Change.FileToContainer l, Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt code;
        try (InputStream in = Files.newInputStream(l.source())) {
            code = execInto(l.container(), l.command(), Optional.of(in), timeout, out, err, ProgressListener.NONE);
        }
        if (code.isEmpty() || code.getAsInt() != 0) {
            throw new ChangeFailedException("'" + l.describe() + "' failed ("
                    + new ExecResult(code, "", err.toString(StandardCharsets.UTF_8)).describe() + ")");
        }
    }

    /** Streams the command's stdout from its container into the target file (made anew, mode 0600), reporting bytes. */
    void dump(Change.ContainerToFile d, Duration timeout, ProgressListener progress) throws IOException {
        Files.deleteIfExists(d.target());
        Files.createFile(d.target(), PosixFilePermissions.asFileAttribute(AtomicFile.permissions(0600)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt code;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(d.target(), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
            code = execInto(d.container(), d.command(), Optional.empty(), timeout, out, err, progress);
        }
        if (code.isEmpty() || code.getAsInt() != 0) {
            ExecResult r = new ExecResult(code, "", err.toString(StandardCharsets.UTF_8));
            throw new ChangeFailedException("'" + d.describe() + "' in container " + d.container() + " failed (" + r.describe() + ")");
        }
    }

    @Override
    public void close() {
        if (docker != null) {
            try {
                docker.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
