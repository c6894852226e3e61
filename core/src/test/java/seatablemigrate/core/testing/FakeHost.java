package seatablemigrate.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostIdentity;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.HttpTransport;
import seatablemigrate.core.spi.LockHeldException;
import seatablemigrate.core.spi.ProgressListener;
import seatablemigrate.core.spi.RegistrySettings;

/**
 * An in-memory host for unit tests of the workflow and for benchmarks: files are bytes in a map, and one Compose
 * project ({@code seatable-server} and {@code mariadb}) whose SeaTable container runs the image {@code SEATABLE_IMAGE}
 * in {@code .env} named when the stack was last started. It behaves as SeaTable does where the workflow depends on it
 * ({@link FakeProject}): the Enterprise Edition is healthy only with a license file in place, {@code down} removes the
 * container, {@code stop} leaves it exited, {@code config} resolves the image from {@code .env}; a dump writes the command's
 * output, a load feeds the file to the command, and a pull fails for an image the registry does not have
 * ({@link #unpublished}). SeaTable's databases are a text of statements ({@link #databases}): a dump writes them, a load
 * replaces them; SeaTable's start-up stamps its release in {@code current_version.txt} of its {@code /shared} volume,
 * migrating the databases when the stamp was an older MAJOR.MINOR and hanging (never healthy) on a newer one, as its
 * images do; a start can be made to fail after the stamp ({@link #failStarts}). It passes the backends' contract suite
 * ({@code FakeHostContractTest}). A failure can be injected before any change ({@link #failWhen}), as the tool's own
 * exception or as a foreign one. Changes applied are listed in order. Every method is synchronized: the inspector
 * asks from several threads.
 */
public final class FakeHost implements HostBackend {
    private final Path composeDir;
    private final Map<Path, byte[]> files = new TreeMap<>();
    private final Map<Path, Integer> modes = new TreeMap<>();
    private final Set<Path> directories = new HashSet<>();
    private final Map<String, Set<String>> images = new LinkedHashMap<>();
    private final Set<String> unpublished = new HashSet<>();
    private final Map<String, ContainerState> stoppedContainers = new TreeMap<>();
    private final Map<Path, String> locks = new TreeMap<>();
    private final Map<Path, Integer> owners = new TreeMap<>();
    private final Map<Path, Path> links = new TreeMap<>();
    private int userId;
    private final List<Change> applied = new ArrayList<>();
    private final FakeProject project;
    private Optional<String> runningImage = Optional.empty();
    private Optional<Path> imageRoot = Optional.empty();
    private HostIdentity identity = HostIdentity.local("0123456789abcdef0123456789abcdef").orElseThrow();
    /** SeaTable's start-up hangs (its container runs, never healthy): a start that failed, or a stamp newer than its release. */
    private boolean seatableHangs;
    private int failingStarts;
    private Predicate<Change> failWhen = c -> false;
    private int failures;
    private RuntimeException failure = new ChangeFailedException("injected failure");

    public FakeHost(Path composeDir) {
        this.composeDir = composeDir;
        this.project = new FakeProject(this, composeDir);
        image(imageId(FakeProject.DATABASE_IMAGE), FakeProject.DATABASE_IMAGE); // a container's image is on the host
    }

    /** Writes a file (mode 0600), creating nothing else. */
    public FakeHost file(Path path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8), 0600);
    }

    /** Writes a file with these bytes and mode. */
    public synchronized FakeHost file(Path path, byte[] content, int mode) {
        put(path, content, mode);
        return this;
    }

    /** Gives a file or folder to the user {@code uid} (by default everything is the backend's user's, {@link #userId()}). */
    public synchronized FakeHost owner(Path path, int uid) {
        owners.put(path, uid);
        return this;
    }

    /** Renames the folder {@code from} and everything in it to {@code to}, as {@code mv} does (a backup an older version named). */
    public synchronized FakeHost move(Path from, Path to) {
        for (Map<Path, ?> byPath : List.<Map<Path, ?>>of(files, modes, owners)) {
            moveKeys(byPath, from, to);
        }
        List<Path> dirs = directories.stream().filter(d -> d.startsWith(from)).toList();
        dirs.forEach(d -> {
            directories.remove(d);
            directories.add(to.resolve(from.relativize(d)));
        });
        return this;
    }

    private static <V> void moveKeys(Map<Path, V> byPath, Path from, Path to) {
        Map<Path, V> moved = new TreeMap<>();
        byPath.keySet().removeIf(p -> {
            if (p.startsWith(from)) {
                moved.put(to.resolve(from.relativize(p)), byPath.get(p));
                return true;
            }
            return false;
        });
        byPath.putAll(moved);
    }

    /** A symlink at {@code link} to {@code target}: reads follow it, {@link #lstat} shows it. */
    public synchronized FakeHost symlink(Path link, Path target) {
        links.put(link, target);
        return this;
    }

    /** A local image with these tags, as a pull or {@code docker tag} leaves it. */
    public synchronized FakeHost image(String id, String... repoTags) {
        images.computeIfAbsent(id, k -> new java.util.LinkedHashSet<>()).addAll(List.of(repoTags));
        return this;
    }

    /** The registry does not have {@code image}: pulling it fails, as {@code docker pull} of an unknown manifest does. */
    public synchronized FakeHost unpublished(String image) {
        unpublished.add(image);
        return this;
    }

    synchronized boolean published(String image) {
        return !unpublished.contains(image);
    }

    /** Removes tags; an image left without one is gone. */
    public synchronized FakeHost untag(String... repoTags) {
        images.values().forEach(tags -> tags.removeAll(List.of(repoTags)));
        images.values().removeIf(Set::isEmpty);
        return this;
    }

    /** MariaDB answers the count of active accounts in ccnet_db.EmailUser with {@code answer} (stderr joined) and exit {@code status}. */
    public synchronized FakeHost activeUsers(String answer, int status) {
        project.usersAnswer(answer, status);
        return this;
    }

    /** A container outside the project that exists but does not run (as {@code docker create} leaves it). */
    public synchronized FakeHost stoppedContainer(String name, String image) {
        stoppedContainers.put(name, new ContainerState(name, image, imageId(image), "created", ContainerState.Health.NONE, Map.of(), Map.of(),
                "f".repeat(64), Optional.empty()));
        return this;
    }

    public synchronized FakeHost removeContainer(String name) {
        stoppedContainers.remove(name);
        return this;
    }

    /** This host's identity from now on (by default {@code local} with a fixed machine id). */
    public synchronized FakeHost identity(HostIdentity identity) {
        this.identity = identity;
        return this;
    }

    /** Starts the stack with what .env says now, as {@code up -d} would. */
    public synchronized FakeHost started() {
        return seatableStarted(project.upAll(configuredImage(Map.of()), runningImage.isPresent()));
    }

    /**
     * The next {@code times} starts of SeaTable's container fail after it stamped its release (and migrated the
     * databases): it runs and never becomes healthy, as a release whose first start breaks.
     */
    public synchronized FakeHost failStarts(int times) {
        failingStarts = times;
        return this;
    }

    /** What SeaTable's databases hold now, as a dump writes it (statements only). */
    public synchronized String databases() {
        return project.tables();
    }

    /** A user's write to SeaTable's databases ({@code statement}, one line of SQL). */
    public synchronized FakeHost write(String statement) {
        project.execute(statement);
        return this;
    }

    /**
     * MariaDB's container was created by another Compose (docker-compose v1, or a version whose configuration hash
     * differs): a plain {@code up -d} recreates it, and {@code up --dry-run} says so.
     */
    public synchronized FakeHost createdByOtherCompose() {
        project.databaseDiverged();
        return this;
    }

    private FakeHost seatableStarted(boolean startedNow) {
        runningImage = configuredImage(Map.of());
        runningImage.ifPresent(i -> images.computeIfAbsent(imageId(i), k -> new java.util.LinkedHashSet<>()).add(i));
        if (startedNow) {
            runningImage.ifPresent(this::startUp);
        }
        return this;
    }

    /**
     * SeaTable's start-up as its images (and the test environment's imitation, {@code seatable-start.sh}) do it: a stamp
     * in {@code current_version.txt} of a newer MAJOR.MINOR than the release makes it hang; a stamp of an older one makes
     * it migrate the databases; then it stamps its release, before its services start (so before a start can fail).
     */
    private void startUp(String image) {
        Optional<SeaTableVersion> mine = ImageRef.parse(image).flatMap(ImageRef::version);
        if (mine.isEmpty()) {
            seatableHangs = false;
            return;
        }
        Optional<SeaTableVersion> last = content(FakeProject.STAMP).flatMap(t -> SeaTableVersion.parse(t.strip()));
        if (last.filter(l -> !l.sameMinor(mine.get()) && l.compareTo(mine.get()) > 0).isPresent()) {
            seatableHangs = true; // "the database was upgraded to ... by a newer version"
            return;
        }
        if (last.filter(l -> !l.sameMinor(mine.get())).isPresent()) {
            project.execute("UPDATE `EmailUser` SET migrated_to = '" + mine.get().majorMinor() + "';");
        }
        makeDirectory(FakeProject.STAMP.getParent(), 0755);
        put(FakeProject.STAMP, (mine.get() + "\n").getBytes(StandardCharsets.UTF_8), 0644);
        seatableHangs = failingStarts > 0;
        failingStarts = Math.max(0, failingStarts - 1);
    }

    /** The next change that matches fails with {@code failure} (once), before it changes anything. */
    public FakeHost failWhen(Predicate<Change> when, RuntimeException failure) {
        return failWhen(when, failure, 1);
    }

    /** The next {@code times} changes that match fail with {@code failure}, before they change anything. */
    public synchronized FakeHost failWhen(Predicate<Change> when, RuntimeException failure, int times) {
        this.failWhen = when;
        this.failure = failure;
        this.failures = times;
        return this;
    }

    public synchronized Optional<String> content(Path path) {
        return Optional.ofNullable(files.get(path)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Every file's bytes (as ISO-8859-1 text, one char a byte: comparable and readable), by path. */
    public synchronized Map<Path, String> snapshot() {
        Map<Path, String> out = new TreeMap<>();
        files.forEach((p, b) -> out.put(p, new String(b, StandardCharsets.ISO_8859_1)));
        return out;
    }

    public synchronized Optional<String> runningImage() {
        return runningImage;
    }

    public synchronized List<Change> applied() {
        return List.copyOf(applied);
    }

    /** SEATABLE_IMAGE as Compose would resolve it: the caller's environment over {@code .env}. */
    synchronized Optional<String> configuredImage(Map<String, String> extraEnv) {
        return Optional.ofNullable(extraEnv.get(Installation.IMAGE_KEY)).or(() -> Optional.ofNullable(files.get(composeDir.resolve(Installation.ENV_FILE)))
                .flatMap(b -> EnvFile.parse(b).get(Installation.IMAGE_KEY)));
    }

    synchronized boolean healthy() {
        return !seatableHangs && runningImage.map(i -> !i.contains("enterprise") || files.containsKey(composeDir.resolve(Installation.LICENSE_FILE)))
                .orElse(false);
    }

    static String imageId(String image) {
        return "sha256:" + Sha256.of(image.getBytes(StandardCharsets.UTF_8)).hex();
    }

    @Override
    public String describe() {
        return "fake host";
    }

    @Override
    public synchronized HostIdentity identity() {
        return identity;
    }

    @Override
    public String engineVersion() {
        return "20.10";
    }

    @Override
    public RegistrySettings registrySettings() {
        return new RegistrySettings("linux", RegistrySettings.imageArchitecture(System.getProperty("os.arch")), List.of(), List.of("127.0.0.0/8"));
    }

    @Override
    public Optional<HttpTransport> hostHttp() {
        return Optional.empty();
    }

    @Override
    public synchronized Optional<Path> imageRoot() {
        return imageRoot;
    }

    /** Says the engine keeps images under {@code root} (empty: it does not say); by default it does not say. */
    public synchronized FakeHost imageRoot(Optional<Path> root) {
        this.imageRoot = root;
        return this;
    }

    @Override
    public synchronized Optional<byte[]> readFile(Path path) {
        return Optional.ofNullable(files.get(links.getOrDefault(path, path))).map(byte[]::clone);
    }

    @Override
    public Optional<List<String>> linesStartingWith(Path path, List<String> prefixes, int maxBytes, Duration timeout) {
        return readFile(path).map(b -> {
            try {
                return seatablemigrate.core.spi.LineStarts.read(new java.io.ByteArrayInputStream(b), prefixes, maxBytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Override
    public Optional<byte[]> readTail(Path path, int maxBytes) {
        return readFile(path).map(b -> java.util.Arrays.copyOfRange(b, Math.max(0, b.length - maxBytes), b.length));
    }

    @Override
    public synchronized Optional<FileStat> stat(Path path) {
        return lstat(links.getOrDefault(path, path));
    }

    @Override
    public synchronized Optional<FileStat> lstat(Path path) {
        int uid = owners.getOrDefault(path, userId);
        if (links.containsKey(path)) {
            return Optional.of(new FileStat(FileStat.Type.SYMLINK, links.get(path).toString().length(), 0777, uid));
        }
        if (files.containsKey(path)) {
            return Optional.of(new FileStat(FileStat.Type.REGULAR, files.get(path).length, modes.getOrDefault(path, 0600), uid));
        }
        boolean dir = directories.contains(path) || files.keySet().stream().anyMatch(p -> p.startsWith(path) && !p.equals(path));
        return dir ? Optional.of(new FileStat(FileStat.Type.DIRECTORY, 0, modes.getOrDefault(path, 0700), uid)) : Optional.empty();
    }

    @Override
    public synchronized int userId() {
        return userId;
    }

    @Override
    public Optional<Sha256> sha256(Path path) {
        return readFile(path).map(Sha256::of);
    }

    @Override
    public synchronized List<Path> list(Path dir) {
        return java.util.stream.Stream.of(files.keySet(), directories, links.keySet()).flatMap(Set::stream)
                .filter(p -> p.startsWith(dir) && !p.equals(dir)).map(p -> dir.resolve(dir.relativize(p).getName(0)))
                .distinct().sorted().toList();
    }

    @Override
    public long usableSpace(Path path) {
        return 100L << 30;
    }

    @Override
    public synchronized List<ContainerState> containers(Map<String, String> labels) {
        List<ContainerState> all = new ArrayList<>(project.containers(runningImage.isPresent(), healthy()));
        all.addAll(stoppedContainers.values());
        return all.stream().filter(c -> c.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    @Override
    public synchronized Optional<ContainerState> container(String name) {
        return containers(Map.of()).stream().filter(c -> c.name().equals(name)).findFirst();
    }

    @Override
    public synchronized List<ImageInfo> images(String repository) {
        return images.entrySet().stream()
                .map(e -> new ImageInfo(e.getKey(), e.getValue().stream().filter(t -> t.startsWith(repository + ":")).sorted().toList()))
                .filter(i -> !i.repoTags().isEmpty()).toList();
    }

    @Override
    public synchronized Optional<ImageInfo> image(String reference) {
        return images.entrySet().stream().filter(e -> e.getKey().equals(reference) || e.getValue().contains(reference))
                .map(e -> new ImageInfo(e.getKey(), List.copyOf(e.getValue()))).findFirst();
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration timeout) {
        return exec(container, command, new byte[0]);
    }

    /** {@link #exec} with {@code stdin} as the command's input, as {@code docker exec -i} gives it. */
    synchronized ExecResult exec(String container, List<String> command, byte[] stdin) {
        Optional<ContainerState> c = container(container);
        if (c.isEmpty()) {
            return ExecResult.of(1, "", "Error response from daemon: No such container: " + container);
        }
        if (!c.get().isRunning()) {
            return ExecResult.of(1, "", "Error response from daemon: container " + container + " is not running");
        }
        return project.exec(c.get(), command, healthy(), stdin);
    }

    @Override
    public synchronized String containerLogs(String container, int lines) {
        String log = container(container).map(project::logs).orElse("");
        List<String> all = log.lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size()).stream().map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
    }

    @Override
    public synchronized ExecResult composeQuery(ComposeCli cli, Path projectDir, Map<String, String> extraEnv, List<String> args, Duration timeout) {
        return project.query(cli, projectDir, extraEnv, args);
    }

    @Override
    public void download(Path path, Path localTarget, Duration timeout, ProgressListener progress) {
        byte[] bytes = readFile(path).orElseThrow(() -> new MigrateException("cannot download " + path + ": no such file"));
        Path tmp = localTarget.resolveSibling(localTarget.getFileName() + ".part");
        try {
            Files.write(tmp, bytes);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            progress.progress(bytes.length, bytes.length, "B", "");
            Files.move(tmp, localTarget, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MigrateException("cannot download " + path + " to " + localTarget + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized HostLock lock(Path lockFile, String owner) {
        String held = locks.putIfAbsent(lockFile, owner);
        if (held != null) {
            throw new LockHeldException("another seatable-migrate run holds " + lockFile + " (" + held + ")");
        }
        return () -> {
            synchronized (this) {
                locks.remove(lockFile);
            }
        };
    }

    @Override
    public synchronized void apply(Change change, Duration timeout, ProgressListener progress) {
        if (change instanceof seatablemigrate.core.spi.FileChange.CopyFile c && c.unlessSame() && files.containsKey(c.target())
                && java.util.Arrays.equals(files.get(c.target()), files.get(c.source()))) {
            applied.add(change);
            return; // nothing to write, so nothing that could fail
        }
        if (failures > 0 && failWhen.test(change)) {
            failures--;
            throw failure;
        }
        applied.add(change);
        change.accept(new FakeChanges(this));
    }

    // What FakeChanges and FakeProject do to the host's state.

    synchronized void put(Path target, byte[] content, int mode) {
        files.put(target, content.clone());
        modes.put(target, mode);
    }

    synchronized void makeDirectory(Path dir, int mode) {
        directories.add(dir);
        modes.put(dir, mode);
    }

    synchronized void remove(Path path) {
        files.remove(path);
        modes.remove(path);
        links.remove(path);
        owners.remove(path);
    }

    synchronized void removeTree(Path dir) {
        files.keySet().removeIf(p -> p.startsWith(dir));
        directories.removeIf(p -> p.startsWith(dir));
        modes.keySet().removeIf(p -> p.startsWith(dir));
        owners.keySet().removeIf(p -> p.startsWith(dir));
        links.keySet().removeIf(p -> p.startsWith(dir));
    }

    /** Every path in the tree at {@code dir}, itself included. */
    synchronized List<Path> tree(Path dir) {
        return java.util.stream.Stream.of(files.keySet(), directories, links.keySet(), owners.keySet(), modes.keySet()).flatMap(Set::stream)
                .flatMap(p -> java.util.stream.Stream.iterate(p, q -> q != null && q.startsWith(dir), Path::getParent))
                .distinct().sorted().toList();
    }

    synchronized Optional<Integer> mode(Path path) {
        return Optional.ofNullable(modes.get(path));
    }

    /**
     * {@code up} starts both containers (recreating what changed), {@code up --no-deps seatable-server} only SeaTable's,
     * {@code down} removes both, {@code stop SERVICE} stops SeaTable's.
     */
    synchronized void compose(List<String> args) {
        List<String> named = args.subList(1, args.size()).stream().filter(a -> !a.startsWith("-")).toList();
        named.stream().filter(n -> !FakeProject.SERVICES.contains(n)).findFirst().ifPresent(n -> {
            throw new ChangeFailedException("'docker compose " + String.join(" ", args) + "' failed in " + composeDir + " (exit 1: no such service: " + n + ")");
        });
        if (args.get(0).equals("stop") && !named.equals(List.of(FakeProject.SEATABLE))) {
            throw new UnsupportedOperationException("the fake stops SeaTable's service only, not " + named);
        }
        switch (args.get(0)) {
            case "up" -> {
                seatableStarted(args.contains("--no-deps") ? project.upSeatable(configuredImage(Map.of()), runningImage.isPresent())
                        : project.upAll(configuredImage(Map.of()), runningImage.isPresent()));
            }
            case "down" -> {
                project.down();
                runningImage = Optional.empty();
            }
            case "stop" -> runningImage = Optional.empty();
            default -> { } // pull, config: no container changes
        }
    }

    @Override
    public void close() {
    }
}
