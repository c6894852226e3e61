package seatablemigrate.backend.ssh;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.ThreadPerTask;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.spi.HttpTransport;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.ForwardingHostFiles;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostFiles;
import seatablemigrate.core.spi.HostIdentity;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.ProgressListener;
import seatablemigrate.core.spi.PullLayers;
import seatablemigrate.core.spi.RegistrySettings;
import seatablemigrate.core.spi.Shell;

/**
 * {@link HostBackend} on a remote host over one SSH connection (opened on first use, {@link RemoteShell}): files
 * through SFTP or commands ({@link RemoteFiles}), the engine through the remote {@code docker} CLI with JSON output
 * parsed, Compose through its CLI. A change runs as
 * its canonical shell form, so a remote run does exactly what an audit script would.
 */
public final class SshHostBackend implements HostBackend, ForwardingHostFiles {
    private static final Duration QUERY_TIMEOUT = RemoteShell.QUERY_TIMEOUT;
    private static final Executor WATCH = new ThreadPerTask("seatable-migrate-ssh-watch");
    private final RemoteShell shell;
    private final RemoteFiles files;
    private final ObjectMapper json = new ObjectMapper();

    public SshHostBackend(String target, Supplier<SshConnection> connector) {
        this(target, connector, false);
    }

    /**
     * @param sudo run every command through {@code sudo -n} and read files through commands (a non-root login cannot
     *             read root's 0600 files over SFTP); the right to do so is checked right after connecting
     */
    public SshHostBackend(String target, Supplier<SshConnection> connector, boolean sudo) {
        this.shell = new RemoteShell(target, connector, sudo);
        this.files = new RemoteFiles(shell);
    }

    /** Reads the host's files over SFTP, or with sudo through commands. */
    @Override
    public HostFiles files() {
        return files;
    }

    private SshConnection ssh() {
        return shell.ssh();
    }

    private String privileged(String command) {
        return shell.privileged(command);
    }

    @Override
    public String describe() {
        return shell.describe();
    }

    @Override
    public HostIdentity identity() {
        return ssh().identity();
    }

    private ExecResult run(String command, Duration timeout) {
        return shell.run(command, timeout);
    }

    private String ok(String command, String what) {
        return shell.ok(command, what);
    }

    @Override
    public String engineVersion() {
        ExecResult r = run("docker version --format '{{.Server.Version}}'", QUERY_TIMEOUT);
        if (!r.succeeded()) {
            throw new HostUnavailableException("Docker engine does not answer on " + describe() + " (" + r.describe() + "): start it there"
                    + " (systemctl start docker)");
        }
        return r.stdout().strip();
    }

    @Override
    public RegistrySettings registrySettings() {
        String out = ok("docker info --format '{{json .}}'", "docker info");
        try {
            return DockerCliJson.registrySettings(json.readTree(out));
        } catch (IOException e) {
            throw new HostUnavailableException("docker info on " + describe() + " answered with output that is not JSON", e);
        }
    }

    @Override
    public Optional<Path> imageRoot() {
        String out = ok("docker info --format '{{json .}}'", "docker info");
        try {
            return DockerCliJson.imageRoot(json.readTree(out));
        } catch (IOException e) {
            throw new HostUnavailableException("docker info on " + describe() + " answered with output that is not JSON", e);
        }
    }

    @Override
    public Optional<HttpTransport> hostHttp() {
        return Optional.of(new CurlOnHost(this::ssh, describe()));
    }

    @Override
    public List<ContainerState> containers(Map<String, String> labels) {
        StringBuilder cmd = new StringBuilder("docker ps -aq --no-trunc");
        labels.forEach((k, v) -> cmd.append(" --filter ").append(Shell.quote("label=" + k + "=" + v)));
        String ids = ok(cmd.toString(), "listing containers").strip();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<ContainerState> out = new ArrayList<>();
        // IDs come from the host: quoted like any other value before they reach its shell.
        for (JsonNode c : inspect("docker inspect --type container " + Shell.join(List.of(ids.split("\\s+"))))) {
            out.add(DockerCliJson.container(c));
        }
        out.sort(Comparator.comparing(ContainerState::name));
        return out;
    }

    @Override
    public Optional<ContainerState> container(String name) {
        ExecResult r = run("docker inspect --type container " + Shell.quote(name), QUERY_TIMEOUT);
        if (!r.succeeded()) {
            return Optional.empty();
        }
        return parse(r.stdout()).stream().findFirst().map(DockerCliJson::container);
    }

    private List<JsonNode> inspect(String command) {
        return parse(ok(command, "inspecting"));
    }

    private List<JsonNode> parse(String jsonArray) {
        try {
            List<JsonNode> out = new ArrayList<>();
            json.readTree(jsonArray).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new HostUnavailableException("docker on " + describe() + " answered with output that is not JSON", e);
        }
    }

    @Override
    public List<ImageInfo> images(String repository) {
        String out = ok("docker images --no-trunc --format '{{.ID}} {{.Repository}}:{{.Tag}}' " + Shell.quote(repository), "listing images");
        Map<String, List<String>> byId = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] p = line.strip().split(" ", 2);
            if (p.length == 2 && !p[1].endsWith(":<none>")) {
                byId.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
            }
        }
        return byId.entrySet().stream().map(e -> new ImageInfo(e.getKey(), e.getValue())).toList();
    }

    @Override
    public Optional<ImageInfo> image(String reference) {
        ExecResult r = run("docker image inspect " + Shell.quote(reference), QUERY_TIMEOUT);
        if (!r.succeeded()) {
            return Optional.empty();
        }
        return parse(r.stdout()).stream().findFirst().map(i -> {
            List<String> tags = new ArrayList<>();
            i.path("RepoTags").forEach(t -> tags.add(t.asText()));
            return new ImageInfo(i.path("Id").asText(), tags);
        });
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration timeout) {
        return run("docker exec " + Shell.quote(container) + " " + Shell.join(command), timeout);
    }

    @Override
    public String containerLogs(String container, int lines) {
        return run("docker logs --tail " + lines + " " + Shell.quote(container) + " 2>&1", QUERY_TIMEOUT).stdout();
    }

    @Override
    public ExecResult composeQuery(ComposeCli cli, Path projectDir, Map<String, String> extraEnv, List<String> args, Duration timeout) {
        List<String> argv = new ArrayList<>(cli.argv());
        argv.addAll(args);
        return run(EngineChange.Compose.commandIn(projectDir, extraEnv, argv), timeout);
    }

    /** Runs {@code command} and meanwhile reports the growing size of {@code file} every second (a dump's bytes). */
    private ExecResult whileWatching(Path file, ProgressListener progress, Supplier<ExecResult> command) {
        AtomicBoolean running = new AtomicBoolean(true);
        CompletableFuture<Void> watch = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                try {
                    Thread.sleep(1000);
                    if (running.get()) {
                        stat(file).ifPresent(s -> progress.progress(s.size(), -1, "bytes", ""));
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a failed look at the size is no reason to stop the dump
                }
            }
        }, WATCH);
        try {
            return command.get();
        } finally {
            running.set(false);
            watch.join();
            stat(file).ifPresent(s -> progress.progress(s.size(), -1, "bytes", ""));
        }
    }

    /** The lock as every backend takes it: {@link HostLock#holdCommand} on the host, which ends with the connection. */
    @Override
    public HostLock lock(Path lockFile, String owner) {
        String ownerLine = "host=" + describe() + " since=" + Instant.now() + " " + owner;
        SshConnection.Held held = ssh().hold(privileged(Shell.join(HostLock.holdCommand(lockFile, ownerLine))), HostLock.ACQUIRED);
        if (!held.acquired()) {
            throw HostLock.notTaken(lockFile, held.firstLine(), " on " + describe());
        }
        return held::release;
    }

    @Override
    public void apply(Change change, Duration timeout, ProgressListener progress) {
        ExecResult r;
        if (change instanceof EngineChange.PullImage) {
            // docker pull's plain output names each layer's state: progress in layers (no byte counts there).
            PullLayers layers = new PullLayers();
            r = ssh().run(privileged(change.shell()), timeout, line -> {
                layers.line(line);
                if (layers.known() > 0) {
                    progress.progress(layers.complete(), layers.known(), "layers", "");
                }
            });
        } else if (change instanceof EngineChange.ContainerToFile d) {
            r = whileWatching(d.target(), progress, () -> run(change.shell(), timeout));
        } else {
            r = run(change.shell(), timeout);
        }
        if (!r.succeeded()) {
            throw new ChangeFailedException("'" + change.describe() + "' failed on " + describe() + " (" + r.describe() + ")");
        }
    }

    @Override
    public void close() {
        shell.close();
    }
}
