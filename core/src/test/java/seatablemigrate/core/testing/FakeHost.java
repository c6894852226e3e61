package seatablemigrate.core.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.ProgressListener;

/**
 * An in-memory host for unit tests of the workflow: files are bytes in a map, and one Compose project whose
 * SeaTable container runs the image {@code SEATABLE_IMAGE} in {@code .env} named when the stack was last started.
 * It behaves as SeaTable does where the workflow depends on it: the Enterprise Edition is healthy only with a
 * license file in place, {@code down} removes the container. A failure can be injected before any change
 * ({@link #failWhen}), as the tool's own exception or as a foreign one. Changes applied are listed in order.
 */
public final class FakeHost implements HostBackend {
    private final Path composeDir;
    private final Map<Path, byte[]> files = new TreeMap<>();
    private final Map<Path, Integer> modes = new TreeMap<>();
    private final List<Change> applied = new ArrayList<>();
    private Optional<String> runningImage = Optional.empty();
    private Predicate<Change> failWhen = c -> false;
    private int failures;
    private RuntimeException failure = new ChangeFailedException("injected failure");

    public FakeHost(Path composeDir) {
        this.composeDir = composeDir;
    }

    /** Writes a file (mode 0600), creating nothing else. */
    public FakeHost file(Path path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        modes.put(path, 0600);
        return this;
    }

    /** Starts the stack with what .env says now, as {@code up -d} would. */
    public FakeHost started() {
        runningImage = currentImage();
        return this;
    }

    /** The next change that matches fails with {@code failure} (once), before it changes anything. */
    public FakeHost failWhen(Predicate<Change> when, RuntimeException failure) {
        return failWhen(when, failure, 1);
    }

    /** The next {@code times} changes that match fail with {@code failure}, before they change anything. */
    public FakeHost failWhen(Predicate<Change> when, RuntimeException failure, int times) {
        this.failWhen = when;
        this.failure = failure;
        this.failures = times;
        return this;
    }

    public Optional<String> content(Path path) {
        return Optional.ofNullable(files.get(path)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    public Optional<String> runningImage() {
        return runningImage;
    }

    public List<Change> applied() {
        return List.copyOf(applied);
    }

    private Optional<String> currentImage() {
        return Optional.ofNullable(files.get(composeDir.resolve(Installation.ENV_FILE)))
                .flatMap(b -> EnvFile.parse(b).get(Installation.IMAGE_KEY));
    }

    private boolean healthy() {
        return runningImage.map(i -> !i.contains("enterprise") || files.containsKey(composeDir.resolve(Installation.LICENSE_FILE)))
                .orElse(false);
    }

    @Override
    public String describe() {
        return "fake host";
    }

    @Override
    public String engineVersion() {
        return "20.10";
    }

    @Override
    public seatablemigrate.core.spi.RegistrySettings registrySettings() {
        return new seatablemigrate.core.spi.RegistrySettings("linux", "amd64", List.of(), List.of("127.0.0.0/8"));
    }

    @Override
    public Optional<seatablemigrate.core.registry.HttpTransport> hostHttp() {
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> readFile(Path path) {
        return Optional.ofNullable(files.get(path)).map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> readTail(Path path, int maxBytes) {
        return readFile(path).map(b -> java.util.Arrays.copyOfRange(b, Math.max(0, b.length - maxBytes), b.length));
    }

    @Override
    public Optional<FileStat> stat(Path path) {
        if (files.containsKey(path)) {
            return Optional.of(new FileStat(FileStat.Type.REGULAR, files.get(path).length, modes.getOrDefault(path, 0600)));
        }
        boolean dir = files.keySet().stream().anyMatch(p -> p.startsWith(path) && !p.equals(path));
        return dir ? Optional.of(new FileStat(FileStat.Type.DIRECTORY, 0, 0700)) : Optional.empty();
    }

    @Override
    public Optional<Sha256> sha256(Path path) {
        return readFile(path).map(Sha256::of);
    }

    @Override
    public List<Path> list(Path dir) {
        return files.keySet().stream().filter(p -> p.startsWith(dir) && !p.equals(dir)).map(p -> dir.resolve(dir.relativize(p).getName(0)))
                .distinct().sorted().toList();
    }

    @Override
    public long usableSpace(Path path) {
        return 100L << 30;
    }

    @Override
    public List<ContainerState> containers(Map<String, String> labels) {
        return runningImage.map(i -> List.of(new ContainerState("seatable-server", i, "sha256:" + i.hashCode(), "running",
                healthy() ? ContainerState.Health.HEALTHY : ContainerState.Health.UNHEALTHY,
                Map.of(ContainerState.LABEL_SERVICE, "seatable-server", ContainerState.LABEL_WORKING_DIR, composeDir.toString()), Map.of())))
                .orElse(List.of());
    }

    @Override
    public Optional<ContainerState> container(String name) {
        return containers(Map.of()).stream().filter(c -> c.name().equals(name)).findFirst();
    }

    @Override
    public List<ImageInfo> images(String repository) {
        return List.of();
    }

    @Override
    public Optional<ImageInfo> image(String reference) {
        return Optional.empty();
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration timeout) {
        if (runningImage.isEmpty() || !healthy()) {
            return ExecResult.of(1, "", "not running");
        }
        ImageRef image = ImageRef.parse(runningImage.get()).orElseThrow();
        return ExecResult.of(0, "{\"version\": \"" + image.version().orElseThrow() + "\", \"edition\": \""
                + image.edition().orElseThrow().id() + " edition\"}", "");
    }

    @Override
    public String containerLogs(String container, int lines) {
        return "";
    }

    @Override
    public ExecResult composeQuery(seatablemigrate.core.spi.ComposeCli cli, Path projectDir, Map<String, String> extraEnv, List<String> args,
                                   Duration timeout) {
        return ExecResult.of(1, "", "not imitated");
    }

    @Override
    public void download(Path path, Path localTarget, Duration timeout, ProgressListener progress) {
        throw new UnsupportedOperationException("not imitated");
    }

    @Override
    public HostLock lock(Path lockFile, String owner) {
        return () -> { };
    }

    @Override
    public void apply(Change change, Duration timeout, ProgressListener progress) {
        if (change instanceof FileChange.CopyFile c && c.unlessSame() && files.containsKey(c.target())
                && java.util.Arrays.equals(files.get(c.target()), files.get(c.source()))) {
            applied.add(change);
            return; // nothing to write, so nothing that could fail
        }
        if (failures > 0 && failWhen.test(change)) {
            failures--;
            throw failure;
        }
        applied.add(change);
        if (change instanceof EngineChange.Compose c) {
            runningImage = c.args().get(0).equals("up") ? currentImage() : Optional.empty();
        } else if (change instanceof FileChange.CopyFile c) {
            write(c.target(), files.get(c.source()), c.mode());
        } else if (change instanceof FileChange.WriteFile c) {
            write(c.target(), c.content(), c.mode());
        } else if (change instanceof FileChange.RemoveFile c) {
            files.remove(c.target());
            modes.remove(c.target());
        } else if (change instanceof FileChange.RemoveDirectory c) {
            files.keySet().removeIf(p -> p.startsWith(c.dir()));
        } else if (change instanceof FileEdit.SetEnvValue c) {
            write(c.envFile(), EnvFile.parse(files.get(c.envFile())).withValue(c.key(), c.value()).bytes(), modes.getOrDefault(c.envFile(), 0600));
        } else if (change instanceof EngineChange.ContainerToFile c) {
            write(c.target(), "CREATE DATABASE x;\n-- Dump completed on 2026-11-30\n".getBytes(StandardCharsets.UTF_8), 0600);
        } else if (change instanceof FileEdit.WriteChecksums c) {
            StringBuilder sb = new StringBuilder();
            c.fileNames().forEach(n -> sb.append(Sha256.of(files.get(c.dir().resolve(n))).hex()).append("  ").append(n).append('\n'));
            write(c.dir().resolve(FileEdit.WriteChecksums.FILE_NAME), sb.toString().getBytes(StandardCharsets.UTF_8), 0600);
        } else if (change instanceof FileEdit.AppendJournalLine c) {
            byte[] old = files.getOrDefault(c.file(), new byte[0]);
            write(c.file(), (new String(old, StandardCharsets.UTF_8) + c.line(Instant.parse("2026-11-30T10:00:00Z")) + "\n")
                    .getBytes(StandardCharsets.UTF_8), 0600);
        }
        // MakeDirectory, PullImage, FileToContainer: directories are implied by the files' paths; images and data are not kept.
    }

    private void write(Path target, byte[] content, int mode) {
        if (content == null) {
            throw new ChangeFailedException("no such file to copy to " + target);
        }
        files.put(target, content.clone());
        modes.put(target, mode);
    }

    @Override
    public void close() {
    }
}
