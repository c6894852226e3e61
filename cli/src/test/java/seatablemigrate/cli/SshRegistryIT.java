package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import seatablemigrate.backend.ssh.TestSshd;

/**
 * The registry over SSH. The host's engine pulls; the registry is asked from the tool's machine first, and from the
 * host (its curl) when the tool's machine cannot reach it, which the output says. The installation's image carries
 * the prefix of the test registry 127.0.0.1:5000, which holds Developer 5.3.0.
 */
class SshRegistryIT {
    private static final String REGISTRY = "127.0.0.1:5000/";
    private static final Path JAR = Path.of("target/seatable-migrate.jar").toAbsolutePath();

    private Path dir;
    private Path key;
    private Path backupRoot;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("ssh-registry-it-");
        key = dir.resolve("id_ed25519");
        TestSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        backupRoot = Files.createTempDirectory("seatable-backup-");
        ComposeProject.Docker.ok(Path.of("/"), 30, "docker", "tag", LocalMigrationIT.EE, REGISTRY + LocalMigrationIT.EE);
        ComposeProject.Docker.run(Path.of("/"), 30, "docker", "rmi", REGISTRY + LocalMigrationIT.DE);
    }

    @AfterEach
    void tearDown() {
        ComposeProject.Docker.run(Path.of("/"), 30, "docker", "rmi", REGISTRY + LocalMigrationIT.EE);
        ComposeProject.Docker.run(Path.of("/"), 30, "docker", "rmi", REGISTRY + LocalMigrationIT.DE);
        ComposeProject.Docker.run(Path.of("/"), 60, "rm", "-rf", dir.toString(), backupRoot.toString());
    }

    private List<String> over(TestSshd sshd, String address, String... args) {
        List<String> all = new ArrayList<>(List.of("--host", "ssh://root@" + address + ":" + sshd.port, "--known-hosts",
                sshd.knownHosts.toString(), "-i", key.toString()));
        all.addAll(List.of(args));
        return all;
    }

    @Test
    void theToolsMachineAnswersAndAMissingTagRefusesWithEveryByteUnchanged() throws Exception {
        try (TestSshd sshd = TestSshd.start(Files.createDirectory(dir.resolve("sshd")), List.of(dir.resolve("id_ed25519.pub")));
             ComposeProject p = ComposeProject.create(REGISTRY + LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            Map<String, String> before = p.snapshot();
            LocalMigrationIT.Run plan = LocalMigrationIT.cli(over(sshd, "127.0.0.1", "plan", "--to", "developer", "--compose-dir",
                    p.dir.toString(), "--backup-dir", backupRoot.toString()).toArray(String[]::new));
            assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
            assertThat(plan.out()).contains("Version: the newest 5.3.x of 127.0.0.1:5000/seatable/seatable-developer (tags [5.3.0] in 127.0.0.1:5000;")
                    .doesNotContain("asked from the host");

            LocalMigrationIT.Run missing = LocalMigrationIT.cli(over(sshd, "127.0.0.1", "migrate", "--to", "developer", "--version", "5.3.7",
                    "--compose-dir", p.dir.toString(), "--backup-dir", backupRoot.toString(), "--yes").toArray(String[]::new));
            assertThat(missing.exit()).as(missing.out() + missing.err()).isEqualTo(3);
            assertThat(missing.out() + missing.err()).contains("127.0.0.1:5000/seatable/seatable-developer:5.3.7 does not exist in 127.0.0.1:5000;"
                    + " known 5.3.x releases of the Developer Edition: [5.3.0]").doesNotContain("Exception");
            assertThat(p.snapshot()).isEqualTo(before);
            try (Stream<Path> runs = Files.list(backupRoot)) {
                assertThat(runs.toList()).isEmpty();
            }
        }
    }

    @Test
    void whenOnlyTheHostReachesTheRegistryItIsAskedThereAndTheSwitchPullsTheNewestPatch() throws Exception {
        try (ToolNetns netns = ToolNetns.create();
             TestSshd sshd = TestSshd.start(Files.createDirectory(dir.resolve("sshd")), List.of(dir.resolve("id_ed25519.pub")),
                     List.of(ToolNetns.HOST_ADDRESS));
             ComposeProject p = ComposeProject.create(REGISTRY + LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            LocalMigrationIT.Run plan = isolated(netns, over(sshd, ToolNetns.HOST_ADDRESS, "plan", "--to", "developer", "--compose-dir",
                    p.dir.toString(), "--backup-dir", backupRoot.toString()));
            assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
            assertThat(plan.out()).contains("Version: the newest 5.3.x of 127.0.0.1:5000/seatable/seatable-developer (tags [5.3.0] in"
                    + " 127.0.0.1:5000 (asked from the host);")
                    .contains("it exists in 127.0.0.1:5000 (asked from the host) (sha256:");

            LocalMigrationIT.Run r = isolated(netns, over(sshd, ToolNetns.HOST_ADDRESS, "migrate", "--to", "developer", "--compose-dir",
                    p.dir.toString(), "--backup-dir", backupRoot.toString(), "--health-timeout", "90s", "--yes"));
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(p.env()).isEqualTo(envBefore.replace(REGISTRY + LocalMigrationIT.EE, REGISTRY + LocalMigrationIT.DE));
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(REGISTRY + LocalMigrationIT.DE);
            assertThat(ComposeProject.serverInfo()).contains("developer edition").contains("\"version\": \"5.3.0\"");
        }
    }

    /** The packaged CLI started inside the tool's namespace, as a user there would start it. */
    private static LocalMigrationIT.Run isolated(ToolNetns netns, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        cmd.addAll(args);
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        Process proc = new ProcessBuilder(netns.inside(cmd)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!proc.waitFor(300, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new AssertionError("the CLI did not finish: " + Files.readString(out));
        }
        try {
            return new LocalMigrationIT.Run(proc.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
