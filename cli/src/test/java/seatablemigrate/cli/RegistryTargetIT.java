package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The target version comes from the installation's registry (the test environment's 127.0.0.1:5000, which holds
 * Developer 5.3.0 and not the one this machine has under that name), and the switch pulls what was checked.
 */
class RegistryTargetIT {
    private static final String REGISTRY = "127.0.0.1:5000/";

    @RegisterExtension
    final TempBackupRoot backups = new TempBackupRoot();

    private static void withoutLocalDeveloperImage() {
        ComposeProject.Docker.run(Path.of("/"), 30, "docker", "rmi", REGISTRY + LocalMigrationIT.DE);
    }

    @Test
    void planChoosesFromTheRegistryAndAMissingTagRefusesWithWhatExists() throws Exception {
        ComposeProject.Docker.ok(Path.of("/"), 30, "docker", "tag", LocalMigrationIT.EE, REGISTRY + LocalMigrationIT.EE);
        withoutLocalDeveloperImage();
        try (ComposeProject p = ComposeProject.create(REGISTRY + LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            Map<String, String> before = p.snapshot();
            LocalMigrationIT.Run plan = LocalMigrationIT.cli("plan", "--to", "developer", "--compose-dir", p.dir.toString(),
                    "--backup-dir", backups.path().toString());
            assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
            assertThat(plan.out()).contains("Version: the newest 5.3.x of 127.0.0.1:5000/seatable/seatable-developer (tags [5.3.0] in 127.0.0.1:5000")
                    .contains("127.0.0.1:5000/seatable/seatable-developer:5.3.0 is not present locally: it is pulled before anything stops;"
                            + " it exists in 127.0.0.1:5000 (sha256:");

            LocalMigrationIT.Run missing = LocalMigrationIT.cli("migrate", "--to", "developer", "--version", "5.3.7", "--compose-dir",
                    p.dir.toString(), "--backup-dir", backups.path().toString(), "--yes");
            assertThat(missing.exit()).as(missing.out() + missing.err()).isEqualTo(3);
            assertThat(missing.out() + missing.err()).contains("127.0.0.1:5000/seatable/seatable-developer:5.3.7 does not exist in 127.0.0.1:5000;"
                    + " known 5.3.x releases of the Developer Edition: [5.3.0]").doesNotContain("Exception");
            assertThat(p.snapshot()).isEqualTo(before);
            try (var runs = Files.list(backups.path())) {
                assertThat(runs.toList()).isEmpty();
            }
        } finally {
            ComposeProject.Docker.run(Path.of("/"), 30, "docker", "rmi", REGISTRY + LocalMigrationIT.EE);
        }
    }

    @Test
    void pinDigestWritesTheDigestThePullFetchesAndTheScriptGuardsIt() throws Exception {
        ComposeProject.Docker.ok(Path.of("/"), 30, "docker", "tag", LocalMigrationIT.EE, REGISTRY + LocalMigrationIT.EE);
        withoutLocalDeveloperImage();
        String digest = RegistryIT.digestByCurl("seatable/seatable-developer", "5.3.0");
        String pinned = REGISTRY + LocalMigrationIT.DE + "@" + digest;
        try (ComposeProject p = ComposeProject.create(REGISTRY + LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            Path script = backups.path().resolve("audit.sh");
            LocalMigrationIT.Run dry = LocalMigrationIT.cli("migrate", "--dry-run", "--to", "developer", "--pin-digest", "--compose-dir",
                    p.dir.toString(), "--backup-dir", backups.path().toString(), "--script", script.toString());
            assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
            assertThat(Files.readString(script)).contains("docker manifest inspect --insecure -v " + REGISTRY + LocalMigrationIT.DE
                    + " | grep -qF " + digest).contains("docker pull " + pinned);

            String envBefore = p.env();
            LocalMigrationIT.Run r = LocalMigrationIT.cli("migrate", "--to", "developer", "--pin-digest", "--compose-dir", p.dir.toString(),
                    "--backup-dir", backups.path().toString(), "--health-timeout", "90s", "--yes");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(p.env()).isEqualTo(envBefore.replace(REGISTRY + LocalMigrationIT.EE, pinned));
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(pinned);
            assertThat(ComposeProject.serverInfo()).contains("developer edition");
        } finally {
            ComposeProject.Docker.run(Path.of("/"), 30, "docker", "rmi", REGISTRY + LocalMigrationIT.EE);
            ComposeProject.Docker.run(Path.of("/"), 30, "docker", "rmi", pinned);
        }
    }

}
