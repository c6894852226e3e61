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
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.ImageInfo;
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
}
