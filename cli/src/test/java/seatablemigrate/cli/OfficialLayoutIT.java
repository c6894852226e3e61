package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The current official layout under real Compose v2 (examples/seatable-compose-official: the license as a long-syntax
 * bind that must not be created, {@code ${VAR:?}}, nested defaults, healthy-dependency waits, named networks, Caddy
 * labels with backticks and {@code $$}, optional components, no SEATABLE_IMAGE in .env, MariaDB "11" with
 * mariadb-dump only): both directions, rollback and dry-run fidelity. The switch recreates SeaTable's container only.
 */
class OfficialLayoutIT {
    @org.junit.jupiter.api.extension.RegisterExtension
    final TempBackupRoot backups = new TempBackupRoot();


    private static Map<String, String> others() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("mariadb", ComposeProject.identity("mariadb"));
        ComposeProject.OFFICIAL_OTHERS.forEach(c -> ids.put(c, ComposeProject.identity(c)));
        return ids;
    }

    @Test
    void bothDirectionsRecreateOnlySeatableAndWriteAnExplicitImage() throws Exception {
        try (ComposeProject p = ComposeProject.official(Optional.empty(), ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            assertThat(envBefore).doesNotContainPattern("(?m)^\\s*SEATABLE_IMAGE\\s*=");
            Map<String, String> others = others();

            LocalMigrationIT.Run toDe = LocalMigrationIT.cli("migrate", "--to", "developer", "--compose-dir", p.dir.toString(),
                    "--backup-dir", backups.path().toString(), "--health-timeout", "90s", "--yes");

            assertThat(toDe.exit()).as(toDe.out() + toDe.err()).isZero();
            assertThat(p.env()).isEqualTo(envBefore + "SEATABLE_IMAGE='" + LocalMigrationIT.DE + "'\n");
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.DE);
            assertThat(ComposeProject.serverInfo()).contains("developer edition");
            assertThat(others()).as("the database, Redis, Caddy and the components kept running").isEqualTo(others);
            // A stack Compose v2 created has nothing pending; the result names every other container as kept.
            assertThat(toDe.out()).contains("Compose (--dry-run) would recreate seatable-server and no other container\n")
                    .containsPattern("[a-z-]+(, [a-z-]+){4} kept running \\(same containers; started ").containsPattern("mariadb[, a-z-]* kept running");
            assertThat(toDe.out()).doesNotContain("Db-Pa55-official-88e1").doesNotContain("Redis-Pa55-official-5b0d");

            LocalMigrationIT.Run toEe = LocalMigrationIT.cli("migrate", "--to", "enterprise", "--version", "5.3.4",
                    "--compose-dir", p.dir.toString(), "--backup-dir", backups.path().toString(), "--health-timeout", "90s", "--yes");

            assertThat(toEe.exit()).as(toEe.out() + toEe.err()).isZero();
            assertThat(p.env()).isEqualTo(envBefore + "SEATABLE_IMAGE='" + LocalMigrationIT.EE + "'\n");
            assertThat(ComposeProject.serverInfo()).contains("enterprise edition").contains("5.3.4");
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(others()).isEqualTo(others);
        }
    }

    @Test
    void aFailedStartRollsBackToTheExactFiles() throws Exception {
        try (ComposeProject p = ComposeProject.official(Optional.empty(), ComposeProject.validLicense()).up()) {
            Map<String, String> files = p.snapshot();
            Files.writeString(p.dir.resolve("data/seatable-server/fail-next-start"), "");

            LocalMigrationIT.Run r = LocalMigrationIT.cli("migrate", "--to", "developer", "--compose-dir", p.dir.toString(),
                    "--backup-dir", backups.path().toString(), "--health-timeout", "15s", "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
            assertThat(p.snapshot()).isEqualTo(files);
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.EE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            try (var runs = Files.list(backups.path())) {
                Path run = runs.findFirst().orElseThrow();
                assertThat(Files.readString(run.resolve("databases.sql"))).contains("-- Dump completed");
            }
        }
    }

    @Test
    void theDryRunScriptReachesTheLiveEndState() throws Exception {
        try (ComposeProject p = ComposeProject.official(Optional.of(LocalMigrationIT.DE), new byte[0]).up()) {
            String envBefore = p.env();
            Path license = Files.createTempFile("license", ".txt");
            Files.write(license, ComposeProject.validLicense());
            Path script = Files.createTempFile("audit", ".sh");
            LocalMigrationIT.Run rec = LocalMigrationIT.cli("migrate", "--dry-run", "--to", "enterprise", "--version", "5.3.4",
                    "--license", license.toString(), "--compose-dir", p.dir.toString(), "--backup-dir", backups.path().toString(),
                    "--health-timeout", "90s", "--script", script.toString());
            assertThat(rec.exit()).as(rec.out() + rec.err()).isZero();
            assertThat(p.env()).isEqualTo(envBefore);
            ComposeProject.Docker.Result lint = ComposeProject.Docker.run(Path.of("/"), 60, "shellcheck", script.toString());
            assertThat(lint.stdout() + lint.stderr()).isEmpty();

            ComposeProject.Docker.Result run = ComposeProject.Docker.run(Path.of("/"), 300, "bash", script.toString());

            assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.DE, LocalMigrationIT.EE));
            assertThat(p.read("seatable-license.txt")).isEqualTo(ComposeProject.validLicense());
            assertThat(ComposeProject.serverInfo()).contains("enterprise edition").contains("5.3.4");
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
        }
    }
}
