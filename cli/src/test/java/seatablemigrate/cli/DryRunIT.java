package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dry-run changes nothing, and its audit script, run with bash, does what the live run does: same .env and
 * license bytes, same image, health and /server-info/, a backup that checks out. Guards stop a script whose host
 * drifted before its first change; a failing start in the script rolls back.
 */
class DryRunIT {
    private Path backupRoot;
    private Path script;

    @BeforeEach
    void dirs() throws IOException {
        backupRoot = Files.createTempDirectory("seatable-backup-");
        script = Files.createTempDirectory("audit-").resolve("switch.sh");
    }

    @AfterEach
    void clean() {
        ComposeProject.Docker.run(Path.of("/"), 60, "rm", "-rf", backupRoot.toString(), script.getParent().toString());
    }

    /** Records a script and proves that recording changed nothing. */
    private LocalMigrationIT.Run record(ComposeProject p, String... extra) throws IOException {
        Map<String, String> files = p.snapshot();
        String seatable = ComposeProject.identity("seatable-server");
        String mariadb = ComposeProject.identity("mariadb");
        List<String> args = new java.util.ArrayList<>(List.of("migrate", "--dry-run", "--compose-dir", p.dir.toString(),
                "--backup-dir", backupRoot.toString(), "--script", script.toString()));
        args.addAll(List.of(extra));
        LocalMigrationIT.Run r = LocalMigrationIT.cli(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Dry run: nothing was changed. Audit script: " + script);
        assertThat(p.snapshot()).isEqualTo(files);
        assertThat(ComposeProject.identity("seatable-server")).isEqualTo(seatable);
        assertThat(ComposeProject.identity("mariadb")).isEqualTo(mariadb);
        try (Stream<Path> s = Files.list(backupRoot)) {
            assertThat(s.toList()).isEmpty();
        }
        ComposeProject.Docker.Result lint = ComposeProject.Docker.run(Path.of("/"), 60, "shellcheck", script.toString());
        assertThat(lint.stdout() + lint.stderr()).isEmpty();
        assertThat(lint.exit()).isZero();
        assertThat(Files.readString(script)).doesNotContain("Example-Db-Pa55word-7f3a").doesNotContain("LicenceKEY");
        return r;
    }

    private ComposeProject.Docker.Result runScript() {
        return ComposeProject.Docker.run(Path.of("/"), 300, "bash", script.toString());
    }

    @Test
    void anOfflineScriptRecordedFromACopyElsewhereActsOnTheHostsDirectory() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            Path copy = Files.createTempDirectory("copy-of-compose-");
            for (Map.Entry<String, String> f : p.snapshot().entrySet()) {
                Files.write(copy.resolve(f.getKey()), f.getValue().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            LocalMigrationIT.Run rec = LocalMigrationIT.cli("migrate", "--dry-run", "--offline", "--from", copy.toString(), "--to", "developer",
                    "--version", "5.3.0", "--compose-dir", p.dir.toString(), "--backup-dir", backupRoot.toString(), "--script", script.toString());
            assertThat(rec.exit()).as(rec.out() + rec.err()).isZero();
            assertThat(Files.readString(script)).contains("COMPOSE_DIR=" + p.dir).doesNotContain(copy.toString() + "/.env");

            ComposeProject.Docker.Result r = runScript();

            assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, LocalMigrationIT.DE));
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.DE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(Files.readString(copy.resolve(".env"))).isEqualTo(envBefore);
            ComposeProject.Docker.run(Path.of("/"), 60, "rm", "-rf", copy.toString());
        }
    }

    @Test
    void enterpriseToDeveloperScriptReachesTheLiveEndState() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            record(p, "--to", "developer", "--health-timeout", "60s");

            ComposeProject.Docker.Result r = runScript();

            assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, LocalMigrationIT.DE));
            assertThat(p.read("seatable-license.txt")).isEqualTo(ComposeProject.validLicense());
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.DE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"5.3.0\"").contains("developer edition");
            assertBackup(envBefore);
        }
    }

    @Test
    void developerToEnterpriseScriptInstallsTheLicenseByteForByte() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.DE, new byte[0]).up()) {
            String envBefore = p.env();
            Path license = Files.createTempFile(backupRoot.getParent(), "license", ".txt");
            Files.write(license, ComposeProject.validLicense());
            record(p, "--to", "enterprise", "--license", license.toString(), "--health-timeout", "60s");

            ComposeProject.Docker.Result r = runScript();

            assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.DE, LocalMigrationIT.EE));
            assertThat(p.read("seatable-license.txt")).isEqualTo(ComposeProject.validLicense());
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.EE);
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"5.3.4\"").contains("enterprise edition");
            assertBackup(envBefore);
            Files.delete(license);
        }
    }

    @Test
    void anOfflineScriptReachesTheSameEndStateOnTheHost() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            LocalMigrationIT.Run rec = record(p, "--to", "developer", "--version", "5.3.0", "--offline", "--health-timeout", "60s");
            assertThat(rec.out()).contains("[deferred] current-state").contains("not observed (offline)");

            ComposeProject.Docker.Result r = runScript();

            assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, LocalMigrationIT.DE));
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.DE);
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"5.3.0\"").contains("developer edition");
            assertBackup(envBefore);
        }
    }

    @Test
    void anOfflineScriptRefusesAHostThatDoesNotRunWhatTheCopySays() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            record(p, "--to", "developer", "--version", "5.3.0", "--offline", "--health-timeout", "60s");
            ComposeProject.Docker.ok(p.dir, 120, "docker-compose", "stop", "seatable-server");
            assertGuardStops(p, "guard 'current-state' failed");
        }
    }

    @Test
    void editedEnvStopsTheScriptBeforeItsFirstChange() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            record(p, "--to", "developer", "--health-timeout", "60s");
            Files.writeString(p.dir.resolve(".env"), p.env() + "# edited after recording\n");
            assertGuardStops(p, "guard 'project' failed");
        }
    }

    @Test
    void aChangedRunningVersionStopsTheScriptBeforeItsFirstChange() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            record(p, "--to", "developer", "--health-timeout", "60s");
            // An exported SEATABLE_IMAGE wins over .env: the running version changes, .env does not.
            ComposeProject.Docker.ok(p.dir, 120, "env", "SEATABLE_IMAGE=seatable/seatable-enterprise:5.4.2", "docker-compose", "up", "-d");
            p.awaitHealthy(90);
            assertGuardStops(p, "guard 'current-state' failed");
        }
    }

    @Test
    void aFailedStartInTheScriptRollsBack() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            record(p, "--to", "developer", "--health-timeout", "15s");
            Files.writeString(p.dir.resolve("data/seatable-server/fail-next-start"), "");

            ComposeProject.Docker.Result r = runScript();

            assertThat(r.exit()).as(r.stdout() + r.stderr()).isEqualTo(4);
            assertThat(r.stderr()).contains("rolled back: the previous edition runs and is healthy");
            assertThat(p.env()).isEqualTo(envBefore);
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.EE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
        }
    }

    private void assertGuardStops(ComposeProject p, String message) throws IOException {
        Map<String, String> files = p.snapshot();
        String seatable = ComposeProject.identity("seatable-server");
        ComposeProject.Docker.Result r = runScript();
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isEqualTo(3);
        assertThat(r.stderr()).contains(message).contains("Nothing was changed.");
        assertThat(p.snapshot()).isEqualTo(files);
        assertThat(ComposeProject.identity("seatable-server")).isEqualTo(seatable);
        try (Stream<Path> s = Files.list(backupRoot)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    private void assertBackup(String envBefore) throws IOException {
        List<Path> runs;
        try (Stream<Path> s = Files.list(backupRoot)) {
            runs = s.toList();
        }
        assertThat(runs).hasSize(1);
        Path run = runs.get(0);
        ComposeProject.Docker.ok(run, 60, "sha256sum", "-c", "--strict", "SHA256SUMS");
        assertThat(Files.readString(run.resolve("config/.env"))).isEqualTo(envBefore);
        assertThat(Files.readString(run.resolve("databases.sql")).strip()).contains("-- Dump completed");
        assertThat(Files.readString(run.resolve("journal.log"))).contains("END DONE");
        assertThat(ComposeProject.Docker.ok(run, 10, "stat", "-c", "%a", "databases.sql").strip()).isEqualTo("600");
    }
}
