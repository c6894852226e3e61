package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import seatablemigrate.backend.ssh.TestSshd;

/**
 * The start-up archive the installed launcher makes on its first run holds every class that a status of a running
 * installation loads, locally and over SSH: a class left out is read from the jar (or the JDK's runtime image) and
 * verified at every start. Training alone cannot reach those paths (it has no running installation and no SSH server);
 * {@code cds-classes.txt} lists what it loads by name, and this test keeps that list current
 * ({@code CdsClassesTest} checks that every name in it still names a class). Each status runs twice, and a class counts
 * when both runs read it from outside the archive: the path every status takes, not a class that one run's timing
 * happened to need (a connection closed in another order, a late answer).
 */
class StartupArchiveIT {
    private static final Path JAR = Path.of("target/seatable-migrate.jar").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("src/dist/bin/seatable-migrate").toAbsolutePath();
    /**
     * The JDK's classes a Java 17 archive cannot hold, which every start reads from the runtime image: JFR's event
     * classes (the dump skips them) and the method-handle species the JVM generates.
     */
    private static final Pattern ARCHIVE_CANNOT_HOLD = Pattern.compile("^jdk\\.internal\\.event\\.|\\$Species_");

    @Test
    void aStatusLocallyAndOverSshLoadsEveryClassFromTheArchive() throws Exception {
        Path dir = Files.createTempDirectory("startup-archive-it-");
        try {
            // The installed layout: bin/seatable-migrate beside lib/seatable-migrate.jar, where the archive is made.
            Path lib = Files.createDirectories(dir.resolve("install/lib"));
            Path bin = Files.createDirectories(dir.resolve("install/bin"));
            Files.copy(JAR, lib.resolve("seatable-migrate.jar"));
            Path launcher = Files.copy(LAUNCHER, bin.resolve("seatable-migrate"));
            ComposeProject.Docker.ok(dir, 240, launcher.toString(), "--version"); // the launcher gives training 60 s, the dump 120 s
            assertThat(lib.resolve("seatable-migrate.jsa")).as("the first run made the archive").isRegularFile().isNotEmptyFile();

            Path key = dir.resolve("id_ed25519");
            TestSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
            try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up();
                 TestSshd sshd = TestSshd.start(Files.createDirectory(dir.resolve("sshd")), List.of(dir.resolve("id_ed25519.pub")))) {
                assertThat(everyTimeOutsideTheArchive(dir, "local", launcher.toString(), "status", "--compose-dir", p.dir.toString())).isEmpty();
                assertThat(everyTimeOutsideTheArchive(dir, "ssh", launcher.toString(), "status", "--host", "ssh://root@127.0.0.1:" + sshd.port,
                        "--known-hosts", sshd.knownHosts.toString(), "-i", key.toString(), "--compose-dir", p.dir.toString())).isEmpty();
            }
        } finally {
            ComposeProject.Docker.run(Path.of("/"), 60, "rm", "-rf", dir.toString());
        }
    }

    /** The classes that two runs of {@code argv} both read from outside the archive. */
    private static List<String> everyTimeOutsideTheArchive(Path dir, String name, String... argv) throws Exception {
        List<String> first = outsideTheArchive(dir, name + "-1", argv);
        List<String> second = outsideTheArchive(dir, name + "-2", argv);
        return first.stream().filter(second::contains).collect(Collectors.toList());
    }

    /**
     * Runs the launcher with the JVM's class-load log and returns the classes it read from the jar or the JDK's runtime
     * image rather than the archive (of those an archive can hold), in the form of {@code cds-classes.txt}'s lines (so
     * that a failure says what to add), after checking that the status succeeded.
     */
    private static List<String> outsideTheArchive(Path dir, String name, String... argv) throws Exception {
        Path log = dir.resolve("class-load-" + name + ".log");
        String[] withLog = new String[argv.length + 2];
        withLog[0] = "env";
        withLog[1] = "JAVA_TOOL_OPTIONS=-Xlog:class+load=info:file=" + log;
        System.arraycopy(argv, 0, withLog, 2, argv.length);
        ComposeProject.Docker.Result r = ComposeProject.Docker.run(dir, 180, withLog);
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("SeaTable: Enterprise Edition").contains("healthy");
        assertThat(log).as("the JVM wrote its class-load log").isRegularFile().isNotEmptyFile();
        return Files.readAllLines(log).stream().filter(l -> l.contains("source: file:") || l.contains("source: jrt:"))
                .map(l -> l.replaceAll("^\\S+ (\\S+) source: .*$", "$1")).filter(c -> !ARCHIVE_CANNOT_HOLD.matcher(c).find())
                .sorted().collect(Collectors.toList());
    }
}
