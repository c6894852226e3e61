package seatablemigrate.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Sha256;

/**
 * The {@link HostBackend} contract, run against every backend: those whose host is this machine (local, SSH to
 * loopback, the recording one) with {@link LocalFixture} (the machine's files and Docker engine), and core's in-memory
 * fake with its own fixture. What a test puts on the host or looks at behind the backend's back goes through
 * {@link #fixture()}; everything asked of the backend goes through {@link #host()}.
 */
public abstract class AbstractHostBackendContractTest {
    private static final Duration T = Duration.ofSeconds(30);
    /** An image every fixture's engine holds (the test environment builds it for the real engine). */
    protected static final String IDLE_IMAGE = "seatable-migrate-test/idle:1";
    protected Path dir;
    private HostBackend host;

    private static final String ECHO = "printf %s \"$1\"; printf %s \"$2\" >&2; exit \"$3\"";
    /**
     * Reads exactly as many bytes as it expects: an exec's input is streamed, but its end is not always passed on
     * (docker-java cannot half-close it), so a command that reads its input to the end may wait for ever. The tool's own
     * loads are self-delimiting for the same reason.
     */
    private static final String STDIN_IS = "test \"$(head -c \"$2\")\" = \"$1\"";

    /** A command any container's {@code sh} runs: prints {@code out} and {@code err} (no newline added) and exits {@code code}. */
    public static List<String> echo(String out, String err, int code) {
        return List.of("sh", "-c", ECHO, "sh", out, err, Integer.toString(code));
    }

    /**
     * A command that succeeds when the first bytes of its input (as many as {@code expected} has in UTF-8, with a final
     * newline), without trailing newlines, are {@code expected}, else exits 1.
     */
    public static List<String> stdinIs(String expected) {
        return List.of("sh", "-c", STDIN_IS, "sh", expected, Integer.toString((expected + "\n").getBytes(StandardCharsets.UTF_8).length));
    }

    /** A backend for this machine, connected as a user that can write {@code dir}. */
    protected abstract HostBackend backend() throws Exception;

    /**
     * Whether the backend performs changes and takes locks (every live backend); a recording backend declares that
     * it does not, and its own test says what it does instead.
     */
    protected boolean performsChanges() {
        return true;
    }

    /** How the tests set up the host and check it behind the backend's back; by default this machine's. */
    protected Fixture fixture() {
        return LocalFixture.INSTANCE;
    }

    /** The backend under test. */
    protected HostBackend host() {
        return host;
    }

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("contract-");
        host = backend();
    }

    @AfterEach
    void close() throws Exception {
        host.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theIdentityNamesTheMachineAndStaysTheSame() {
        HostIdentity id = host.identity();
        assertThat(id.target()).isNotBlank();
        assertThat(id.fingerprint()).isNotBlank();
        assertThat(host.identity()).isEqualTo(id);
        if (id.target().equals("local")) {
            assertThat(id.fingerprint()).as("locally, the machine id").matches("machine-id [0-9a-f]{32}");
        } else {
            assertThat(id.fingerprint()).as("over SSH, the host key").matches("ssh-[a-z0-9-]+ SHA256:[A-Za-z0-9+/]{43}|ecdsa-\\S+ SHA256:[A-Za-z0-9+/]{43}");
        }
    }

    @Test
    void missingFilesAreEmptyNotErrors() {
        Path missing = dir.resolve("no such file");
        assertThat(host.readFile(missing)).isEmpty();
        assertThat(host.readTail(missing, 10)).isEmpty();
        assertThat(host.stat(missing)).isEmpty();
        assertThat(host.sha256(missing)).isEmpty();
        assertThat(host.list(missing)).isEmpty();
        assertThat(host.readFile(dir)).as("a directory is not a file").isEmpty();
    }

    @Test
    void keepsTheBeginningsOfMatchingLines() throws Exception {
        Path f = dir.resolve("dump 'x'.sql");
        String longLine = "INSERT INTO `t` VALUES " + "(1),".repeat(300_000) + "(2);\n";
        fixture().write(f, ("-- head\nUSE `db`;\n" + longLine + "insert into `lower`\nUSE `b[1]*`;\r\nINSERT").getBytes(StandardCharsets.UTF_8), 0600);
        assertThat(host.linesStartingWith(f, List.of("USE `", "INSERT INTO `"), 16, Duration.ofSeconds(30)))
                .hasValue(List.of("USE `db`;", "INSERT INTO `t` ", "USE `b[1]*`;\r"));
        assertThat(host.linesStartingWith(dir.resolve("no such file"), List.of("USE `"), 16, Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void readsFilesExactly() throws Exception {
        byte[] bytes = "a b\r\n'quoted' $HOME `cmd`\n\u00e4\n".getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve("file with space.txt");
        fixture().write(f, bytes, 0640);
        assertThat(host.readFile(f)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        assertThat(host.readTail(f, 5)).hasValueSatisfying(b -> assertThat(b).isEqualTo(java.util.Arrays.copyOfRange(bytes, bytes.length - 5, bytes.length)));
        byte[] binary = {'l', 'o', 'g', (byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, '\n', (byte) 0x80};
        Path log = dir.resolve("logs").resolve("binary.log");
        fixture().write(log, binary, 0600);
        assertThat(host.readTail(log, 6)).as("bytes that are not UTF-8 come back as they are")
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(java.util.Arrays.copyOfRange(binary, 3, 9)));
        assertThat(host.readFile(log)).hasValueSatisfying(b -> assertThat(b).isEqualTo(binary));
        assertThat(host.stat(f)).hasValue(new FileStat(FileStat.Type.REGULAR, bytes.length, 0640, host.userId()));
        assertThat(host.stat(dir).orElseThrow().isDirectory()).isTrue();
        assertThat(host.sha256(f)).hasValue(Sha256.of(bytes));
        assertThat(host.list(dir)).containsExactly(f, log.getParent());
        assertThat(host.usableSpace(dir.resolve("not/yet/there"))).isPositive();
    }

    @Test
    void lstatShowsASymlinkItselfAndWhoOwnsWhatTheBackendWrote() throws Exception {
        Path f = dir.resolve("file");
        fixture().write(f, "x".getBytes(StandardCharsets.UTF_8), 0600);
        Path link = dir.resolve("link");
        fixture().symlink(link, f);
        assertThat(host.lstat(link).map(FileStat::type)).hasValue(FileStat.Type.SYMLINK);
        assertThat(host.stat(link).map(FileStat::type)).as("stat follows").hasValue(FileStat.Type.REGULAR);
        assertThat(host.lstat(f)).hasValue(new FileStat(FileStat.Type.REGULAR, 1, 0600, host.userId()));
        assertThat(host.lstat(dir.resolve("no such file"))).isEmpty();
        assertThat(Ownership.problem(host.lstat(link).orElseThrow(), host.userId())).hasValue("is a symlink");
        assertThat(Ownership.problem(host.lstat(f).orElseThrow(), host.userId())).isEmpty();
    }

    @Test
    void downloadsStreamAFileToThisMachineWithProgressAndLeaveNothingHalfDone() throws Exception {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(bytes);
        Path remote = dir.resolve("run dir 'x' $y").resolve("databases.sql");
        fixture().write(remote, bytes, 0600);
        Path local = Files.createDirectories(dir.resolve("client side")).resolve("databases.sql");
        List<long[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        host.download(remote, local, T, (done, total, unit, note) -> seen.add(new long[] {done, total}));

        assertThat(Files.readAllBytes(local)).isEqualTo(bytes);
        assertThat(Files.getPosixFilePermissions(local)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(seen.size() - 1)).containsExactly(bytes.length, bytes.length);

        Path missing = local.resolveSibling("other.sql");
        assertThatThrownBy(() -> host.download(dir.resolve("no such file"), missing, T, ProgressListener.NONE))
                .isInstanceOf(seatablemigrate.core.MigrateException.class).hasMessageContaining("no such file");
        try (var s = Files.list(local.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("databases.sql");
        }
    }

    @Test
    void changesDoWhatTheirShellFormSays() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(performsChanges(), "a backend that performs no changes");
        Path env = dir.resolve(".env");
        byte[] original = "# c\r\nSEATABLE_IMAGE=\"a:1\"  # keep\r\nPASSWORD=p\r\n".getBytes(StandardCharsets.UTF_8);
        fixture().write(env, original, 0600);
        Path sub = dir.resolve("run dir/config");
        host.apply(new FileChange.MakeDirectory(sub, 0700), T, ProgressListener.NONE);
        host.apply(new FileChange.CopyFile(env, sub.resolve(".env"), 0600), T, ProgressListener.NONE);
        host.apply(new FileEdit.SetEnvValue(env, "SEATABLE_IMAGE", "b:2"), T, ProgressListener.NONE);
        host.apply(new FileChange.WriteFile(dir.resolve("run dir/manifest.json"), "{}\n".getBytes(StandardCharsets.UTF_8), 0600), T, ProgressListener.NONE);
        host.apply(new FileEdit.WriteChecksums(dir.resolve("run dir"), List.of("config/.env", "manifest.json")), T, ProgressListener.NONE);
        host.apply(new FileEdit.AppendJournalLine(dir.resolve("run dir/journal.log"), "BEGIN stop"), T, ProgressListener.NONE);
        host.apply(new FileChange.RemoveFile(dir.resolve("never there")), T, ProgressListener.NONE);

        assertThat(fixture().read(sub.resolve(".env"))).isEqualTo(original);
        assertThat(fixture().read(env)).isEqualTo(EnvFile.parse(original).withValue("SEATABLE_IMAGE", "b:2").bytes());
        host.apply(new FileEdit.AddGeneratedSecret(env, "PASSWORD"), T, ProgressListener.NONE);
        assertThat(fixture().read(env)).as("a secret that is set stays").isEqualTo(EnvFile.parse(original).withValue("SEATABLE_IMAGE", "b:2").bytes());
        host.apply(new FileEdit.AddGeneratedSecret(env, "NEW_SECRET"), T, ProgressListener.NONE);
        String withSecret = new String(fixture().read(env), StandardCharsets.UTF_8);
        assertThat(withSecret).startsWith(new String(EnvFile.parse(original).withValue("SEATABLE_IMAGE", "b:2").bytes(), StandardCharsets.UTF_8))
                .matches("(?s).*\r\nNEW_SECRET='[0-9a-f]{48}'\r\n");
        fixture().write(env, EnvFile.parse(original).withValue("SEATABLE_IMAGE", "b:2").bytes(), 0600);
        assertThat(host.stat(env).orElseThrow().mode()).as(".env keeps its mode").isEqualTo(0600);
        assertThat(host.stat(sub).orElseThrow().mode()).isEqualTo(0700);
        assertThat(host.stat(sub.resolve(".env")).orElseThrow().mode()).isEqualTo(0600);
        assertThat(new String(fixture().read(dir.resolve("run dir/SHA256SUMS")), StandardCharsets.UTF_8)).isEqualTo(
                Sha256.of(original).hex() + "  config/.env\n" + Sha256.of("{}\n".getBytes(StandardCharsets.UTF_8)).hex() + "  manifest.json\n");
        assertThat(new String(fixture().read(dir.resolve("run dir/journal.log")), StandardCharsets.UTF_8)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ BEGIN stop\n");
        assertThat(fixture().names(dir)).as("no temporary file left").noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void theEnginesRegistrySettingsAreReadTheSameByEveryBackend() throws Exception {
        Process p = new ProcessBuilder("uname", "-m").start();
        String machine = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        RegistrySettings s = host.registrySettings();
        assertThat(s.platform()).isEqualTo("linux/" + RegistrySettings.imageArchitecture(machine));
        assertThat(s.insecure()).contains("127.0.0.0/8"); // Docker's default, from InsecureRegistryCIDRs
    }

    @Test
    void theImageFolderIsAbsentOrAnAbsoluteFolderTheHostHas() {
        // The engines of the test environment run on the host itself (no virtual machine between them).
        host.imageRoot().ifPresent(root -> {
            assertThat(root.isAbsolute()).as(root.toString()).isTrue();
            assertThat(host.stat(root)).as(root.toString()).hasValueSatisfying(s -> assertThat(s.isDirectory()).isTrue());
            assertThat(host.usableSpace(root)).isPositive();
        });
    }

    @Test
    void execInAContainerThatIsNotRunningIsAFailedCommandNotATimeout() throws Exception {
        String name = "seatable-migrate-contract-" + ProcessHandle.current().pid();
        fixture().removeContainer(name);
        fixture().stoppedContainer(name, IDLE_IMAGE);
        try {
            ExecResult r = host.exec(name, List.of("true"), T);
            assertThat(r.exitCode()).as(r.describe()).hasValue(1);
            assertThat(r.stderr()).contains("is not running");
            ExecResult missing = host.exec(name + "-missing", List.of("true"), T);
            assertThat(missing.exitCode()).as(missing.describe()).hasValue(1);
        } finally {
            fixture().removeContainer(name);
        }
    }

    @Test
    void imagesListTheTagsOfThatRepositoryOnly() throws Exception {
        String repo = "seatable-migrate-contract/tags-" + ProcessHandle.current().pid();
        fixture().tag(IDLE_IMAGE, repo + ":1");
        fixture().tag(IDLE_IMAGE, repo + ":latest");
        fixture().tag(IDLE_IMAGE, repo + "-other:2");
        try {
            List<ImageInfo> images = host.images(repo);
            assertThat(images).hasSize(1);
            assertThat(images.get(0).repoTags()).containsExactlyInAnyOrder(repo + ":1", repo + ":latest");
            assertThat(images.get(0).id()).isEqualTo(fixture().imageId(IDLE_IMAGE));
            assertThat(host.images(repo + "-none")).isEmpty();
        } finally {
            fixture().untag(repo + ":1", repo + ":latest", repo + "-other:2");
        }
    }

    @Test
    void aFailedChangeIsAnExceptionNamingIt() {
        org.junit.jupiter.api.Assumptions.assumeTrue(performsChanges(), "a backend that performs no changes");
        assertThatThrownBy(() -> host.apply(new FileChange.CopyFile(dir.resolve("missing"), dir.resolve("target"), 0600), T, ProgressListener.NONE))
                .isInstanceOf(seatablemigrate.core.ChangeFailedException.class).hasMessageContaining("copy missing");
    }

    @Test
    void composeQueriesRunInTheProjectWithoutTheCallersSeatableImage() {
        ExecResult r = host.composeQuery(ComposeCli.STANDALONE, dir, Map.of("EXTRA", "x y"), List.of("version", "--short"), T);
        assertThat(r.succeeded()).as(r.describe()).isTrue();
        assertThat(r.stdout()).isNotBlank();
    }

    @Test
    void aSecondLockOnTheSameFileIsRefusedUntilTheFirstIsReleased() {
        org.junit.jupiter.api.Assumptions.assumeTrue(performsChanges(), "a backend that performs no changes");
        Path lock = dir.resolve("locks/test.lock");
        HostLock first = host.lock(lock, "contract test");
        assertThatThrownBy(() -> host.lock(lock, "second")).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("another seatable-migrate run holds").hasMessageContaining("contract test");
        first.close();
        host.lock(lock, "third").close();
    }

    @Test
    void readTailIsTheWholeFileWhenItIsShorterAndAnEmptyFileIsEmpty() throws Exception {
        Path f = dir.resolve("short.log");
        fixture().write(f, "abc".getBytes(StandardCharsets.UTF_8), 0600);
        Path empty = dir.resolve("empty.log");
        fixture().write(empty, new byte[0], 0600);
        assertThat(host.readTail(f, 100)).hasValueSatisfying(b -> assertThat(b).isEqualTo("abc".getBytes(StandardCharsets.UTF_8)));
        assertThat(host.readTail(empty, 100)).hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(host.readTail(dir, 100)).as("a directory is not a file").isEmpty();
    }

    @Test
    void linesStartingWithKeepsShortLinesWholeAndAFileWithoutMatchesIsAnEmptyList() throws Exception {
        Path f = dir.resolve("plain.sql");
        fixture().write(f, "-- only\nUSE `a`;\n\u00e4 USE `not at the start`;\nUSE `\u00fc`".getBytes(StandardCharsets.UTF_8), 0600);
        assertThat(host.linesStartingWith(f, List.of("USE `"), 1000, T)).hasValue(List.of("USE `a`;", "USE `\u00fc`"));
        assertThat(host.linesStartingWith(f, List.of("INSERT"), 1000, T)).hasValue(List.of());
        assertThat(host.linesStartingWith(dir, List.of("USE"), 1000, T)).as("a directory is not a file").isEmpty();
    }

    @Test
    void sha256AndListFollowTheFilesAsTheyAre() throws Exception {
        Path empty = dir.resolve("b-empty");
        fixture().write(empty, new byte[0], 0600);
        Path nested = dir.resolve("a-folder/inner/file");
        fixture().write(nested, "x".getBytes(StandardCharsets.UTF_8), 0600);
        Path link = dir.resolve("c-link");
        fixture().symlink(link, nested);
        assertThat(host.sha256(empty)).hasValue(Sha256.of(new byte[0]));
        assertThat(host.sha256(link)).as("a symlink is followed").hasValue(Sha256.of("x".getBytes(StandardCharsets.UTF_8)));
        assertThat(host.sha256(dir)).as("a directory has no checksum").isEmpty();
        assertThat(host.list(dir)).as("sorted by name, one level only").containsExactly(dir.resolve("a-folder"), empty, link);
        assertThat(host.list(nested)).as("a file is no directory").isEmpty();
    }

    @Test
    void usableSpaceIsThatOfTheNearestExistingFolder() throws Exception {
        long here = host.usableSpace(dir);
        assertThat(here).isPositive();
        assertThat(host.usableSpace(dir.resolve("a/b/c"))).as("the same file system, within what others wrote meanwhile")
                .isBetween(here - (256L << 20), here + (256L << 20));
    }

    @Test
    void hostHttpIsEmptyOnTheToolsOwnMachineAndElseSendsOnlyReads() {
        java.util.Optional<HttpTransport> http = host.hostHttp();
        if (host.identity().target().equals("local")) {
            assertThat(http).as("asking from the same machine again adds nothing").isEmpty();
            return;
        }
        HttpTransport t = http.orElseThrow(() -> new AssertionError("a remote host sends requests from itself"));
        java.net.URI nothing = java.net.URI.create("http://127.0.0.1:1/v2/");
        assertThatThrownBy(() -> t.send("POST", nothing, Map.of(), T, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.send("GET", nothing, Map.of(), T, 1024)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aProjectsContainersAreFoundByLabelAndName() throws Exception {
        Fixture.Project p = fixture().composeProject(dir);
        try {
            fixture().up(p);
            List<ContainerState> all = host.containers(Map.of(ContainerState.LABEL_WORKING_DIR, p.dir().toString()));
            assertThat(all).extracting(ContainerState::name).containsExactlyInAnyOrder(p.container(), p.otherContainer());
            assertThat(all).allSatisfy(c -> {
                assertThat(c.isRunning()).as(c.name()).isTrue();
                assertThat(c.id()).as(c.name()).matches("[0-9a-f]{64}");
                assertThat(c.startedAt()).as(c.name()).isPresent();
                assertThat(c.labels()).containsKey(ContainerState.LABEL_PROJECT);
            });
            assertThat(host.containers(Map.of(ContainerState.LABEL_WORKING_DIR, p.dir().toString(), ContainerState.LABEL_SERVICE, p.service())))
                    .extracting(ContainerState::name).containsExactly(p.container());
            assertThat(host.containers(Map.of(ContainerState.LABEL_WORKING_DIR, dir.resolve("no such project").toString()))).isEmpty();

            ContainerState c = host.container(p.container()).orElseThrow();
            assertThat(c.service()).hasValue(p.service());
            assertThat(all).contains(c);
            assertThat(host.container(p.container() + "-missing")).isEmpty();
            assertThat(host.image(c.image())).as("the image it runs").hasValueSatisfying(i -> {
                assertThat(i.id()).isEqualTo(c.imageId());
                assertThat(i.repoTags()).contains(c.image());
            });
            assertThat(host.image(c.imageId())).as("an image by its ID").map(ImageInfo::id).hasValue(c.imageId());
            assertThat(host.image("seatable-migrate-contract/none:1")).isEmpty();
        } finally {
            fixture().down(p);
        }
    }

    @Test
    void execReturnsTheCommandsOutputAndExitAsData() throws Exception {
        Fixture.Project p = fixture().composeProject(dir);
        try {
            fixture().up(p);
            ExecResult r = host.exec(p.container(), echo("out \u00e4\u20ac\nline 2", "err 'x'", 3), T);
            assertThat(r.exitCode()).as(r.describe()).hasValue(3);
            assertThat(r.stdout()).isEqualTo("out \u00e4\u20ac\nline 2");
            assertThat(r.stderr()).isEqualTo("err 'x'");
            assertThat(r.succeeded()).isFalse();
            ExecResult ok = host.exec(p.container(), echo("$HOME `x`", "", 0), T);
            assertThat(ok.succeeded()).as(ok.describe()).isTrue();
            assertThat(ok.stdout()).as("arguments reach the command as they are").isEqualTo("$HOME `x`");
        } finally {
            fixture().down(p);
        }
    }

    @Test
    void containerLogsAreTheLastLinesOfWhatTheContainerWrote() throws Exception {
        Fixture.Project p = fixture().composeProject(dir);
        try {
            fixture().up(p);
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String log = host.containerLogs(p.container(), 100);
            while (!log.contains(p.logLine()) && System.nanoTime() < until) {
                Thread.sleep(200); // the container writes it once it has started
                log = host.containerLogs(p.container(), 100);
            }
            assertThat(log).contains(p.logLine() + "\n");
            assertThat(host.containerLogs(p.container(), 1).lines()).hasSize(1);
        } finally {
            fixture().down(p);
        }
    }

    @Test
    void composeChangesStartStopAndRemoveTheProjectsContainers() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(performsChanges(), "a backend that performs no changes");
        Fixture.Project p = fixture().composeProject(dir);
        try {
            host.apply(EngineChange.Compose.up(p.dir(), p.cli()), T, ProgressListener.NONE);
            assertThat(running(p.container())).as("up starts every service").isTrue();
            ContainerState other = host.container(p.otherContainer()).orElseThrow();
            assertThat(other.isRunning()).isTrue();

            host.apply(EngineChange.Compose.stop(p.dir(), p.cli(), p.service()), T, ProgressListener.NONE);
            assertThat(host.container(p.container())).as("a stopped container still exists").hasValueSatisfying(c -> assertThat(c.isRunning()).isFalse());
            assertThat(host.container(p.otherContainer())).as("the other service is left as it was").hasValue(other);

            host.apply(EngineChange.Compose.upOnly(p.dir(), p.cli(), p.service()), T, ProgressListener.NONE);
            assertThat(running(p.container())).isTrue();
            assertThat(host.container(p.otherContainer()).map(ContainerState::id)).hasValue(other.id());

            host.apply(EngineChange.Compose.down(p.dir(), p.cli()), T, ProgressListener.NONE);
            assertThat(host.container(p.container())).as("down removes every container").isEmpty();
            assertThat(host.container(p.otherContainer())).isEmpty();
            assertThat(host.containers(Map.of(ContainerState.LABEL_WORKING_DIR, p.dir().toString()))).isEmpty();

            host.apply(EngineChange.Compose.upOnly(p.dir(), p.cli(), p.service()), T, ProgressListener.NONE);
            assertThat(running(p.container())).isTrue();
            assertThat(host.container(p.otherContainer())).as("--no-deps starts no other service").isEmpty();

            assertThatThrownBy(() -> host.apply(EngineChange.Compose.stop(p.dir(), p.cli(), "no-such-service"), T, ProgressListener.NONE))
                    .isInstanceOf(seatablemigrate.core.ChangeFailedException.class).hasMessageContaining("stop no-such-service");
        } finally {
            fixture().down(p);
        }
    }

    private boolean running(String container) {
        return host.container(container).filter(ContainerState::isRunning).isPresent();
    }

    @Test
    void streamsBetweenAContainersCommandAndAHostFile() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(performsChanges(), "a backend that performs no changes");
        Fixture.Project p = fixture().composeProject(dir);
        try {
            fixture().up(p);
            Path target = dir.resolve("run dir/databases 'x'.sql");
            fixture().write(dir.resolve("run dir/other"), new byte[0], 0600);
            String dump = "-- dump \u00e4\nUSE `db`;\n";
            host.apply(new EngineChange.ContainerToFile(p.container(), echo(dump, "a warning", 0), target, "dump"), T, ProgressListener.NONE);
            assertThat(fixture().read(target)).as("stdout only").isEqualTo(dump.getBytes(StandardCharsets.UTF_8));
            assertThat(host.stat(target).orElseThrow().mode()).isEqualTo(0600);
            assertThatThrownBy(() -> host.apply(new EngineChange.ContainerToFile(p.container(), echo("", "", 3), dir.resolve("run dir/failed.sql"),
                    "dump that fails"), T, ProgressListener.NONE)).isInstanceOf(seatablemigrate.core.ChangeFailedException.class)
                    .hasMessageContaining("dump that fails");

            host.apply(new EngineChange.FileToContainer(p.container(), stdinIs("-- dump \u00e4\nUSE `db`;"), target, "load"), T, ProgressListener.NONE);
            assertThatThrownBy(() -> host.apply(new EngineChange.FileToContainer(p.container(), stdinIs("something else"), target, "load that fails"),
                    T, ProgressListener.NONE)).isInstanceOf(seatablemigrate.core.ChangeFailedException.class).hasMessageContaining("load that fails");
            assertThatThrownBy(() -> host.apply(new EngineChange.FileToContainer(p.container(), stdinIs(""), dir.resolve("no such file"), "load nothing"),
                    T, ProgressListener.NONE)).isInstanceOf(seatablemigrate.core.ChangeFailedException.class);
        } finally {
            fixture().down(p);
        }
    }

    @Test
    void pullsFetchAnImageAndIfMissingAsksNoRegistryForOneThatIsThere() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(performsChanges(), "a backend that performs no changes");
        String published = fixture().publishedImage();
        String unpublished = fixture().unpublishedImage();
        try {
            fixture().untag(published);
            host.apply(new EngineChange.PullImage(ImageRef.parse(published).orElseThrow()), T, ProgressListener.NONE);
            assertThat(host.image(published)).isPresent();
            host.apply(new EngineChange.PullImage(ImageRef.parse(published).orElseThrow()), T, ProgressListener.NONE);

            assertThatThrownBy(() -> host.apply(new EngineChange.PullImage(ImageRef.parse(unpublished).orElseThrow()), T, ProgressListener.NONE))
                    .isInstanceOf(seatablemigrate.core.ChangeFailedException.class).hasMessageContaining(unpublished);
            assertThatThrownBy(() -> host.apply(EngineChange.PullImage.ifMissing(ImageRef.parse(unpublished).orElseThrow()), T, ProgressListener.NONE))
                    .isInstanceOf(seatablemigrate.core.ChangeFailedException.class);
            fixture().tag(IDLE_IMAGE, unpublished);
            host.apply(EngineChange.PullImage.ifMissing(ImageRef.parse(unpublished).orElseThrow()), T, ProgressListener.NONE);
            assertThat(host.image(unpublished).map(ImageInfo::id)).as("the image that was there").hasValue(fixture().imageId(IDLE_IMAGE));
        } finally {
            fixture().untag(unpublished);
        }
    }

    @Test
    void removeDirectoryRemovesATreeOfTheToolsOwnAndRefusesOneWithASymlink() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(performsChanges(), "a backend that performs no changes");
        Path run = dir.resolve("backups/run 'one'");
        fixture().write(run.resolve("config/.env"), "A=1\n".getBytes(StandardCharsets.UTF_8), 0600);
        fixture().write(run.resolve("databases.sql"), "x".getBytes(StandardCharsets.UTF_8), 0600);
        Path kept = dir.resolve("backups/run 'one'-kept/file");
        fixture().write(kept, "k".getBytes(StandardCharsets.UTF_8), 0600);
        host.apply(new FileChange.RemoveDirectory(run), T, ProgressListener.NONE);
        assertThat(host.lstat(run)).isEmpty();
        assertThat(fixture().read(kept)).as("a sibling whose name starts alike stays").isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        host.apply(new FileChange.RemoveDirectory(dir.resolve("never there")), T, ProgressListener.NONE);

        Path linked = dir.resolve("backups/run two");
        fixture().write(linked.resolve("databases.sql"), "y".getBytes(StandardCharsets.UTF_8), 0600);
        fixture().symlink(linked.resolve("outside"), kept.getParent());
        assertThatThrownBy(() -> host.apply(new FileChange.RemoveDirectory(linked), T, ProgressListener.NONE))
                .isInstanceOf(seatablemigrate.core.ChangeFailedException.class).hasMessageContaining("remove " + linked);
        assertThat(fixture().read(linked.resolve("databases.sql"))).as("nothing removed").isEqualTo("y".getBytes(StandardCharsets.UTF_8));
        assertThat(fixture().read(kept)).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void makeDirectoryFreshRefusesWhatExistsAndEnsureKeepsIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(performsChanges(), "a backend that performs no changes");
        Path run = dir.resolve("root/run");
        host.apply(FileChange.MakeDirectory.fresh(run, 0700), T, ProgressListener.NONE);
        assertThat(host.stat(run)).hasValueSatisfying(s -> assertThat(s.isDirectory()).isTrue());
        assertThatThrownBy(() -> host.apply(FileChange.MakeDirectory.fresh(run, 0700), T, ProgressListener.NONE))
                .isInstanceOf(seatablemigrate.core.ChangeFailedException.class);
        fixture().write(run.resolve("file"), "f".getBytes(StandardCharsets.UTF_8), 0600);
        host.apply(new FileChange.MakeDirectory(run, 0700), T, ProgressListener.NONE);
        host.apply(FileChange.MakeDirectory.own(run, 0700), T, ProgressListener.NONE);
        assertThat(fixture().read(run.resolve("file"))).isEqualTo("f".getBytes(StandardCharsets.UTF_8));
        Path link = dir.resolve("root/link");
        fixture().symlink(link, run);
        assertThatThrownBy(() -> host.apply(FileChange.MakeDirectory.own(link, 0700), T, ProgressListener.NONE))
                .isInstanceOf(seatablemigrate.core.ChangeFailedException.class).hasMessageContaining("is a symlink");
    }
}
