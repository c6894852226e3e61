package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import seatablemigrate.backend.ssh.TestSshd;

/**
 * The start-up archive the installed launcher makes on its first run holds every class of the jar that a status of a
 * running installation loads, locally and over SSH: a class left out is read from the jar and verified at every start.
 * Training alone cannot reach those paths (it has no running installation and no SSH server); {@code cds-classes.txt}
 * lists what it loads by name, and this test keeps that list current.
 */
class StartupArchiveIT {
    private static final Path JAR = Path.of("target/seatable-migrate.jar").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("src/dist/bin/seatable-migrate").toAbsolutePath();

    @Test
    void aStatusLocallyAndOverSshLoadsNoClassFromTheJar() throws Exception {
        Path dir = Files.createTempDirectory("startup-archive-it-");
        try {
            // The installed layout: bin/seatable-migrate beside lib/seatable-migrate.jar, where the archive is made.
            Path lib = Files.createDirectories(dir.resolve("install/lib"));
            Path bin = Files.createDirectories(dir.resolve("install/bin"));
            Files.copy(JAR, lib.resolve("seatable-migrate.jar"));
            Path launcher = Files.copy(LAUNCHER, bin.resolve("seatable-migrate"));
            ComposeProject.Docker.ok(dir, 180, launcher.toString(), "--version");
            assertThat(lib.resolve("seatable-migrate.jsa")).as("the first run made the archive").isRegularFile().isNotEmptyFile();

            Path key = dir.resolve("id_ed25519");
            TestSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
            try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up();
                 TestSshd sshd = TestSshd.start(Files.createDirectory(dir.resolve("sshd")), List.of(dir.resolve("id_ed25519.pub")))) {
                assertThat(fromTheJar(dir, "local", launcher.toString(), "status", "--compose-dir", p.dir.toString())).isEmpty();
                assertThat(fromTheJar(dir, "ssh", launcher.toString(), "status", "--host", "ssh://root@127.0.0.1:" + sshd.port,
                        "--known-hosts", sshd.knownHosts.toString(), "-i", key.toString(), "--compose-dir", p.dir.toString())).isEmpty();
            }
        } finally {
            ComposeProject.Docker.run(Path.of("/"), 60, "rm", "-rf", dir.toString());
        }
    }

    /**
     * Runs the launcher with the JVM's class-load log and returns the classes it read from the jar, in the form of
     * {@code cds-classes.txt}'s lines (so that a failure says what to add), after checking that the status succeeded.
     */
    private static List<String> fromTheJar(Path dir, String name, String... argv) throws Exception {
        Path log = dir.resolve("class-load-" + name + ".log");
        String[] withLog = new String[argv.length + 2];
        withLog[0] = "env";
        withLog[1] = "JAVA_TOOL_OPTIONS=-Xlog:class+load=info:file=" + log;
        System.arraycopy(argv, 0, withLog, 2, argv.length);
        ComposeProject.Docker.Result r = ComposeProject.Docker.run(dir, 180, withLog);
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("SeaTable: Enterprise Edition").contains("healthy");
        assertThat(log).as("the JVM wrote its class-load log").isRegularFile().isNotEmptyFile();
        return Files.readAllLines(log).stream().filter(l -> l.contains("source: file:"))
                .map(l -> l.replaceAll("^\\S+ (\\S+) source: .*$", "$1")).sorted().collect(Collectors.toList());
    }
}
