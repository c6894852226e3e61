package seatablemigrate.backend.ssh;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.ComposeCli;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.LockHeldException;
import seatablemigrate.core.spi.ProgressListener;
import seatablemigrate.core.spi.RegistrySettings;
import seatablemigrate.core.spi.PullLayers;
import seatablemigrate.core.spi.Shell;

/**
 * {@link HostBackend} on a remote host over one SSH connection (opened on first use): files through SFTP, the
 * engine through the remote {@code docker} CLI with JSON output parsed, Compose through its CLI. A change runs as
 * its canonical shell form, so a remote run does exactly what an audit script would.
 */
public final class SshHostBackend implements HostBackend {
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);
    private static final java.util.concurrent.Executor WATCH = new seatablemigrate.core.ThreadPerTask("seatable-migrate-ssh-watch");
    private final Supplier<SshConnection> connector;
    private final String target;
    private final boolean sudo;
    private final ObjectMapper json = new ObjectMapper();
    private SshConnection connection;

    public SshHostBackend(String target, Supplier<SshConnection> connector) {
        this(target, connector, false);
    }

    /**
     * @param sudo run every command through {@code sudo -n} and read files through commands (a non-root login cannot
     *             read root's 0600 files over SFTP); the right to do so is checked right after connecting
     */
    public SshHostBackend(String target, Supplier<SshConnection> connector, boolean sudo) {
        this.target = requireNonNull(target, "target is null");
        this.connector = requireNonNull(connector, "connector is null");
        this.sudo = sudo;
    }

    private synchronized SshConnection ssh() {
        if (connection == null) {
            SshConnection c = connector.get();
            if (sudo) {
                ExecResult r = c.run("sudo -n true", QUERY_TIMEOUT);
                if (!r.succeeded()) {
                    c.close();
                    throw new HostUnavailableException("--sudo: the login on " + c.name() + " may not run commands with 'sudo -n' ("
                            + r.describe() + "); grant it passwordless sudo or log in as root");
                }
            }
            connection = c;
        }
        return connection;
    }

    /** The command as it runs on the host: through {@code sudo -n sh -c} with --sudo. */
    private String privileged(String command) {
        return sudo ? "sudo -n sh -c " + Shell.quote(command) : command;
    }

    @Override
    public String describe() {
        return connection != null ? connection.name() : target;
    }

    private ExecResult run(String command, Duration timeout) {
        return ssh().run(privileged(command), timeout);
    }

    private String ok(String command, String what) {
        ExecResult r = run(command, QUERY_TIMEOUT);
        if (!r.succeeded()) {
            throw new HostUnavailableException(what + " on " + describe() + " failed (" + r.describe() + ")");
        }
        return r.stdout();
    }

    @Override
    public String engineVersion() {
        ExecResult r = run("docker version --format '{{.Server.Version}}'", QUERY_TIMEOUT);
        if (!r.succeeded()) {
            throw new HostUnavailableException("the Docker engine on " + describe() + " does not answer (" + r.describe() + ")");
        }
        return r.stdout().strip();
    }

    @Override
    public RegistrySettings registrySettings() {
        String out = ok("docker info --format '{{json .}}'", "docker info");
        try {
            com.fasterxml.jackson.databind.JsonNode info = json.readTree(out);
            com.fasterxml.jackson.databind.JsonNode config = info.path("RegistryConfig");
            List<String> cidrs = new java.util.ArrayList<>();
            config.path("InsecureRegistryCIDRs").forEach(c -> cidrs.add(c.asText()));
            Map<String, Boolean> indexSecure = new java.util.HashMap<>();
            config.path("IndexConfigs").properties().forEach(e -> indexSecure.put(e.getKey(), e.getValue().path("Secure").asBoolean(true)));
            List<String> mirrors = new java.util.ArrayList<>();
            config.path("Mirrors").forEach(m -> mirrors.add(m.asText()));
            return RegistrySettings.fromEngineInfo(info.path("OSType").asText(""), info.path("Architecture").asText(""), mirrors, cidrs,
                    indexSecure);
        } catch (java.io.IOException e) {
            throw new HostUnavailableException("docker info on " + describe() + " answered with output that is not JSON", e);
        }
    }

    @Override
    public Optional<seatablemigrate.core.registry.HttpTransport> hostHttp() {
        return Optional.of(new CurlOnHost(this::ssh, describe()));
    }

    @Override
    public Optional<byte[]> readFile(Path path) {
        Optional<FileStat> stat = stat(path);
        if (stat.isEmpty() || !stat.get().isRegular()) {
            return Optional.empty();
        }
        if (sudo) {
            String b64 = ok("base64 -- " + Shell.quote(path.toString()), "reading " + path).strip();
            return Optional.of(java.util.Base64.getMimeDecoder().decode(b64));
        }
        try (RemoteFile f = ssh().sftp().open(path.toString())) {
            byte[] out = new byte[(int) f.length()];
            int off = 0;
            while (off < out.length) {
                int n = f.read(off, out, off, out.length - off);
                if (n < 0) {
                    break;
                }
                off += n;
            }
            return Optional.of(off == out.length ? out : java.util.Arrays.copyOf(out, off));
        } catch (IOException e) {
            throw new MigrateException("cannot read " + path + " on " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> readTail(Path path, int maxBytes) {
        if (stat(path).filter(FileStat::isRegular).isEmpty()) {
            return Optional.empty();
        }
        // Through base64, so that any byte comes back as it is (a log is not always UTF-8).
        String b64 = ok("tail -c " + maxBytes + " -- " + Shell.quote(path.toString()) + " | base64", "reading " + path);
        return Optional.of(java.util.Base64.getMimeDecoder().decode(b64.strip()));
    }

    @Override
    public Optional<FileStat> stat(Path path) {
        if (sudo) {
            ExecResult r = run("stat -L -c '%F|%s|%a' -- " + Shell.quote(path.toString()), QUERY_TIMEOUT);
            if (!r.succeeded()) {
                return Optional.empty();
            }
            String[] p = r.stdout().strip().split("\\|");
            FileStat.Type type = p[0].startsWith("regular") ? FileStat.Type.REGULAR : p[0].equals("directory") ? FileStat.Type.DIRECTORY
                    : FileStat.Type.OTHER;
            if (p.length != 3 || !p[1].matches("\\d{1,18}") || !p[2].matches("[0-7]{1,5}")) {
                throw new seatablemigrate.core.HostUnavailableException("stat on " + describe() + " answered something unreadable for " + path);
            }
            return Optional.of(new FileStat(type, Long.parseLong(p[1]), Integer.parseInt(p[2], 8)));
        }
        try {
            FileAttributes a = ssh().sftp().statExistence(path.toString());
            if (a == null) {
                return Optional.empty();
            }
            FileMode.Type t = a.getType();
            FileStat.Type type = t == FileMode.Type.REGULAR ? FileStat.Type.REGULAR
                    : t == FileMode.Type.DIRECTORY ? FileStat.Type.DIRECTORY : FileStat.Type.OTHER;
            return Optional.of(new FileStat(type, a.getSize(), a.getMode().getPermissionsMask() & 07777));
        } catch (IOException e) {
            throw new MigrateException("cannot inspect " + path + " on " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Sha256> sha256(Path path) {
        if (stat(path).filter(FileStat::isRegular).isEmpty()) {
            return Optional.empty();
        }
        String out = ok("sha256sum -- " + Shell.quote(path.toString()), "checksumming " + path);
        return Optional.of(new Sha256(out.substring(0, 64)));
    }

    @Override
    public List<Path> list(Path dir) {
        if (stat(dir).filter(FileStat::isDirectory).isEmpty()) {
            return List.of();
        }
        if (sudo) {
            return java.util.Arrays.stream(ok("ls -1A -- " + Shell.quote(dir.toString()), "listing " + dir).split("\n"))
                    .filter(n -> !n.isEmpty()).map(dir::resolve).sorted().toList();
        }
        try {
            List<Path> out = new ArrayList<>();
            for (RemoteResourceInfo i : ssh().sftp().ls(dir.toString())) {
                if (!i.getName().equals(".") && !i.getName().equals("..")) {
                    out.add(dir.resolve(i.getName()));
                }
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new MigrateException("cannot list " + dir + " on " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long usableSpace(Path path) {
        String out = ok("d=" + Shell.quote(path.toString()) + "; while [ ! -e \"$d\" ]; do d=$(dirname \"$d\"); done; "
                + "df -P -B1 \"$d\" | awk 'NR==2 {print $4}'", "measuring free space at " + path);
        if (!out.strip().matches("\\d{1,19}")) {
            // Remote output is untrusted: an odd df (a locale, a wrapper) is a clear refusal, never a crash.
            throw new seatablemigrate.core.HostUnavailableException("df on " + describe() + " did not answer a number of bytes for " + path
                    + " (it said '" + seatablemigrate.core.spi.Shell.printable(out.strip().lines().findFirst().orElse("")) + "')");
        }
        return Long.parseLong(out.strip());
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
            out.add(state(c));
        }
        out.sort(java.util.Comparator.comparing(ContainerState::name));
        return out;
    }

    @Override
    public Optional<ContainerState> container(String name) {
        ExecResult r = run("docker inspect --type container " + Shell.quote(name), QUERY_TIMEOUT);
        if (!r.succeeded()) {
            return Optional.empty();
        }
        return parse(r.stdout()).stream().findFirst().map(this::state);
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

    private ContainerState state(JsonNode c) {
        JsonNode s = c.path("State");
        String health = s.path("Health").path("Status").asText("");
        ContainerState.Health h = ContainerState.Health.fromDocker(health);
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Config").path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        Map<String, String> mounts = new HashMap<>();
        c.path("Mounts").forEach(m -> {
            if (m.hasNonNull("Destination") && m.hasNonNull("Source")) {
                mounts.put(m.get("Destination").asText(), m.get("Source").asText());
            }
        });
        String name = c.path("Name").asText("");
        return new ContainerState(name.startsWith("/") ? name.substring(1) : name, c.path("Config").path("Image").asText(""),
                c.path("Image").asText(""), s.path("Status").asText("unknown"), h, labels, mounts);
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
        return run(Change.Compose.commandIn(projectDir, extraEnv, argv), timeout);
    }

    /** Runs {@code command} and meanwhile reports the growing size of {@code file} every second (a dump's bytes). */
    private ExecResult whileWatching(Path file, ProgressListener progress, Supplier<ExecResult> command) {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
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

    @Override
    public void download(Path path, Path localTarget, Duration timeout, ProgressListener progress) {
        long size = stat(path).filter(FileStat::isRegular).map(FileStat::size)
                .orElseThrow(() -> new MigrateException(path + " is not a file on " + describe()));
        try (seatablemigrate.core.spi.DownloadTarget target = seatablemigrate.core.spi.DownloadTarget.open(localTarget, size, progress)) {
            ExecResult r = ssh().stream(privileged("cat -- " + Shell.quote(path.toString())), target.stream(), timeout);
            if (!r.succeeded()) {
                throw new MigrateException("cannot fetch " + path + " from " + describe() + ": " + r.describe());
            }
            target.commit();
        } catch (IOException e) {
            throw new MigrateException("cannot write " + localTarget + ": " + e.getMessage(), e);
        }
    }

    @Override
    public HostLock lock(Path lockFile, String owner) {
        ok("mkdir -p " + Shell.quote(lockFile.getParent().toString()), "creating the lock folder");
        SshConnection.Held held = ssh().hold(privileged(Shell.join(HostLock.holdCommand(lockFile))), HostLock.ACQUIRED);
        if (!held.acquired()) {
            String holder = run("cat " + Shell.quote(HostLock.ownerFile(lockFile).toString()) + " 2>/dev/null", QUERY_TIMEOUT).stdout().strip();
            throw new LockHeldException("another seatable-migrate run holds " + lockFile + " on " + describe()
                    + " (" + (holder.isEmpty() ? "holder unknown" : holder) + ")");
        }
        run("printf '%s\\n' " + Shell.quote("host=" + describe() + " since=" + java.time.Instant.now() + " " + owner) + " > "
                + Shell.quote(HostLock.ownerFile(lockFile).toString()), QUERY_TIMEOUT);
        return held::release;
    }

    @Override
    public void apply(Change change, Duration timeout, ProgressListener progress) {
        ExecResult r;
        if (change instanceof Change.PullImage) {
            // docker pull's plain output names each layer's state: progress in layers (no byte counts there).
            PullLayers layers = new PullLayers();
            r = ssh().run(privileged(change.shell()), timeout, line -> {
                layers.line(line);
                if (layers.known() > 0) {
                    progress.progress(layers.complete(), layers.known(), "layers", "");
                }
            });
        } else if (change instanceof Change.ContainerToFile d) {
            r = whileWatching(d.target(), progress, () -> run(change.shell(), timeout));
        } else {
            r = run(change.shell(), timeout);
        }
        if (!r.succeeded()) {
            throw new ChangeFailedException("'" + change.describe() + "' failed on " + describe() + " (" + r.describe() + ")");
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
