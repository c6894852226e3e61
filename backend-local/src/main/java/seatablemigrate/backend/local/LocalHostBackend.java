package seatablemigrate.backend.local;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Image;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.spi.HttpTransport;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.ForwardingHostFiles;
import seatablemigrate.core.spi.HostEngine;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostFiles;
import seatablemigrate.core.spi.HostIdentity;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.LocalCommand;
import seatablemigrate.core.spi.ProgressListener;
import seatablemigrate.core.spi.RegistrySettings;

/** {@link HostBackend} for the machine the tool runs on. The Docker client is created on first use. */
public final class LocalHostBackend implements HostBackend, ForwardingHostFiles {
    /** systemd's machine id, and where D-Bus kept it before (machine-id(5)). */
    private static final List<Path> MACHINE_ID_FILES = List.of(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));

    private final Engine engine = new Engine();
    private final ContainerStreams streams = new ContainerStreams(engine);
    private final LocalFiles files = new LocalFiles();

    @Inject
    public LocalHostBackend() {}

    /** Reads the files through java.nio, as this process. */
    @Override
    public HostFiles files() {
        return files;
    }

    @Override
    public String describe() {
        return "the local host";
    }

    @Override
    public HostIdentity identity() {
        for (Path f : MACHINE_ID_FILES) {
            try (InputStream in = Files.newInputStream(f)) {
                Optional<HostIdentity> id = HostIdentity.local(new String(in.readNBytes(64), StandardCharsets.US_ASCII));
                if (id.isPresent()) {
                    return id.get();
                }
            } catch (IOException e) {
                // not there or not readable: the next file, else the refusal below
            }
        }
        throw new HostUnavailableException("this machine has no machine id (" + MACHINE_ID_FILES.get(0) + "), so a reviewed"
                + " plan cannot be bound to it; create one with 'systemd-machine-id-setup' (or 'dbus-uuidgen --ensure=/etc/machine-id')");
    }

    @Override
    public String engineVersion() {
        return engine.call(() -> engine.client().versionCmd().exec().getVersion());
    }

    @Override
    public RegistrySettings registrySettings() {
        return engine.call(() -> {
            var info = engine.client().infoCmd().exec();
            var config = info.getRegistryConfig();
            if (config == null) {
                return RegistrySettings.fromEngineInfo(info.getOsType(), info.getArchitecture(), List.of(), List.of(), Map.of());
            }
            Map<String, Boolean> indexSecure = new HashMap<>();
            if (config.getIndexConfigs() != null) {
                config.getIndexConfigs().forEach((name, index) -> indexSecure.put(name, index == null ? null : index.getSecure()));
            }
            // docker-java types the mirrors as Object: the engine sends a JSON list of URL strings.
            List<String> mirrors = config.getMirrors() instanceof Collection<?> list ? list.stream().map(String::valueOf).toList() : List.of();
            return RegistrySettings.fromEngineInfo(info.getOsType(), info.getArchitecture(), mirrors,
                    config.getInsecureRegistryCIDRs() == null ? List.of() : config.getInsecureRegistryCIDRs(), indexSecure);
        });
    }

    @Override
    public Optional<Path> imageRoot() {
        return engine.call(() -> {
            var info = engine.client().infoCmd().exec();
            List<String> status = info.getDriverStatuses() == null ? List.of()
                    : info.getDriverStatuses().stream().filter(pair -> pair != null && pair.size() == 2).map(pair -> pair.get(1)).toList();
            return HostEngine.imageRootFromEngineInfo(info.getDockerRootDir(), status);
        });
    }

    @Override
    public Optional<HttpTransport> hostHttp() {
        return Optional.empty(); // the tool runs on this host: asking here again adds nothing
    }

    @Override
    public List<ContainerState> containers(Map<String, String> labels) {
        var list = engine.call(() -> engine.client().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
        List<ContainerState> out = new ArrayList<>();
        for (var c : list) {
            try {
                out.add(state(engine.call(() -> engine.client().inspectContainerCmd(c.getId()).exec())));
            } catch (NotFoundException e) {
                // removed between list and inspect
            }
        }
        out.sort(Comparator.comparing(ContainerState::name));
        return out;
    }

    @Override
    public Optional<ContainerState> container(String name) {
        try {
            return Optional.of(state(engine.call(() -> engine.client().inspectContainerCmd(name).exec())));
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
        return new ContainerState(name, r.getConfig().getImage(), r.getImageId(), String.valueOf(s.getStatus()), health, labels, mounts,
                String.valueOf(r.getId()), ContainerState.startedAt(s.getStartedAt()));
    }

    @Override
    public List<ImageInfo> images(String repository) {
        List<Image> all = engine.call(() -> engine.client().listImagesCmd().exec());
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
            InspectImageResponse r = engine.call(() -> engine.client().inspectImageCmd(reference).exec());
            return Optional.of(new ImageInfo(r.getId(), r.getRepoTags() == null ? List.of() : r.getRepoTags()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt code = streams.execInto(container, command, Optional.empty(), timeout, out, err, ProgressListener.NONE);
        return new ExecResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
            engine.client().logContainerCmd(container).withStdOut(true).withStdErr(true).withTail(lines).exec(cb);
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
        return LocalCommand.of(argv, timeout).in(projectDir).withEnvironment(Change.COMPOSE_ENV_UNSET, extraEnv).run();
    }

    /** The lock as every backend takes it: {@link HostLock#holdCommand} as a child process, which dies with this one. */
    @Override
    public HostLock lock(Path lockFile, String owner) {
        try {
            Process p = new ProcessBuilder(HostLock.holdCommand(lockFile, "pid=" + ProcessHandle.current().pid() + " host=" + hostname()
                    + " since=" + Instant.now() + " " + owner)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (!HostLock.ACQUIRED.equals(first)) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                throw HostLock.notTaken(lockFile, first, "");
            }
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
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Pulls through the engine, reporting bytes; a pinned image by its digest. */
    void pull(ImageRef image, Duration timeout, ProgressListener progress) {
        new ImagePull(engine).pull(image, timeout, progress);
        if (image(image.toString()).isEmpty()) {
            throw new ChangeFailedException("pulling " + image + " finished but the image is not there");
        }
    }

    @Override
    public void apply(Change change, Duration timeout, ProgressListener progress) {
        try {
            change.accept(new LocalChanges(this, streams, timeout, progress));
        } catch (IOException e) {
            throw new ChangeFailedException(change.describe() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
