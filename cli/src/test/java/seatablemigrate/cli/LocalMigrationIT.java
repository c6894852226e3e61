package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** End to end on the real engine, Compose and MariaDB: both directions, both Compose spellings, rollback. */
class LocalMigrationIT {
    static final String EE = "seatable/seatable-enterprise:5.3.4";
    static final String DE = "seatable/seatable-developer:5.3.0";
    @org.junit.jupiter.api.extension.RegisterExtension
    final TempBackupRoot backups = new TempBackupRoot();

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }


    /**
     * The example stack is brought up by docker-compose v1, whose configuration hashes Compose v2 does not share: a plain
     * {@code docker compose up -d} would recreate MariaDB too. The switch recreates SeaTable's container only, the plan
     * shows Compose's dry-run naming MariaDB's pending change, and the result says MariaDB kept running.
     */
    @Test
    void enterpriseToDeveloperThroughDockerComposePlugin() throws Exception {
        try (ComposeProject p = ComposeProject.create(EE, ComposeProject.validLicense()).up()) {
            String marker = insertMarkerRow();
            String mariadb = ComposeProject.identity("mariadb");
            String envBefore = p.env();
            byte[] licenseBefore = p.read("seatable-license.txt");

            Run r = cli("migrate", "--to", "developer", "--compose-dir", p.dir.toString(), "--compose", "plugin",
                    "--backup-dir", backups.path().toString(), "--health-timeout", "90s", "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("Done: SeaTable now runs the Developer Edition 5.3.0");
            assertThat(ComposeProject.identity("mariadb")).as("MariaDB's container ID and start time").isEqualTo(mariadb);
            assertThat(r.out()).contains("Compose (--dry-run) would recreate seatable-server and no other container; mariadb: its configuration"
                    + " changed since it was created, this switch leaves it as it is").contains("mariadb kept running (same container, started ");
            assertThat(p.env()).isEqualTo(envBefore.replace(EE, DE));
            assertThat(p.read("seatable-license.txt")).isEqualTo(licenseBefore);
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(DE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"5.3.0\"").contains("developer edition");
            assertBackup(envBefore, marker);
            assertNoSecretIn(r, p);
        }
    }

    @Test
    void developerToEnterpriseThroughStandaloneDockerCompose() throws Exception {
        try (ComposeProject p = ComposeProject.create(DE, new byte[0]).up()) {
            String mariadb = ComposeProject.identity("mariadb");
            String envBefore = p.env();
            Path license = Files.createTempFile(backups.path(), "license", ".txt");
            Files.write(license, ComposeProject.validLicense());

            Run r = cli("--compose-dir", p.dir.toString(), "--compose", "standalone", "migrate", "--to", "enterprise",
                    "--license", license.toString(), "--backup-dir", backups.path().toString(), "--health-timeout", "90s", "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(ComposeProject.identity("mariadb")).as("MariaDB's container ID and start time").isEqualTo(mariadb);
            assertThat(r.out()).contains("no preview (docker-compose (v1) has no --dry-run to ask)").contains("mariadb kept running (same container");
            assertThat(p.env()).isEqualTo(envBefore.replace(DE, EE));
            assertThat(p.read("seatable-license.txt")).isEqualTo(ComposeProject.validLicense());
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(EE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"5.3.4\"").contains("enterprise edition");
            assertBackup(envBefore, null);
        }
    }

    @Test
    void aReviewedPlanFileIsCarriedOutExactlyOrRefusedWhenTheHostDrifted() throws Exception {
        try (ComposeProject p = ComposeProject.create(EE, ComposeProject.validLicense()).up()) {
            Path planFile = backups.path().resolveSibling(backups.path().getFileName() + "-plan.json");
            Run plan = cli("plan", "--to", "developer", "--version", "5.3.0", "--compose-dir", p.dir.toString(),
                    "--backup-dir", backups.path().toString(), "--out", planFile.toString());
            assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
            assertThat(Files.readString(planFile)).doesNotContain("Example-Db-Pa55word-7f3a");

            // The host drifts: someone edits .env after the review.
            Files.writeString(p.dir.resolve(".env"), p.env() + "# edited after the review\n");
            Map<String, String> drifted = p.snapshot();
            Run refused = cli("migrate", "--plan", planFile.toString(), "--compose-dir", p.dir.toString(), "--yes");
            assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(3);
            assertThat(refused.out()).contains(".env sha256 is now").contains("drifted from the reviewed plan");
            assertThat(p.snapshot()).isEqualTo(drifted);
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(EE);

            // Reviewed again, carried out as reviewed, in the run folder the plan named.
            assertThat(cli("plan", "--to", "developer", "--version", "5.3.0", "--compose-dir", p.dir.toString(),
                    "--backup-dir", backups.path().toString(), "--out", planFile.toString()).exit()).isZero();
            String runId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(planFile.toFile()).path("runDir").asText();
            // An option that would change the reviewed plan is a usage error naming it; the same value is no change.
            Run changed = cli("migrate", "--plan", planFile.toString(), "--health-timeout", "90s", "--yes");
            assertThat(changed.exit()).as(changed.out() + changed.err()).isEqualTo(2);
            assertThat(changed.err()).contains("--health-timeout 90s (the plan has 300s)");
            Run done = cli("migrate", "--plan", planFile.toString(), "--compose-dir", p.dir.toString(), "--yes");
            assertThat(done.exit()).as(done.out() + done.err()).isZero();
            assertThat(done.out()).contains("[pass]     reviewed-plan").contains("Backup and journal: " + runId);
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(DE);
            assertThat(Path.of(runId).resolve("seatable-migrate.log")).exists();
            Files.delete(planFile);
        }
    }

    @Test
    void failedStartRollsBackToTheVerifiedPreviousEdition() throws Exception {
        try (ComposeProject p = ComposeProject.create(EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            String mariadb = ComposeProject.identity("mariadb");
            Files.writeString(p.dir.resolve("data/seatable-server/fail-next-start"), "");

            Run r = cli("migrate", "--to", "developer", "--compose-dir", p.dir.toString(), "--backup-dir", backups.path().toString(),
                    "--health-timeout", "20s", "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
            assertThat(r.out()).contains("Failed, rolled back").contains("previous edition runs and is healthy");
            assertThat(ComposeProject.identity("mariadb")).as("the rollback brings up SeaTable alone too").isEqualTo(mariadb);
            assertThat(p.env()).isEqualTo(envBefore);
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(EE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"5.3.4\"").contains("enterprise edition");
            Path run = onlyRun();
            assertThat(Files.readString(run.resolve("journal.log"))).contains("FAILED verify").contains("DONE rollback-verify")
                    .contains("END ROLLED_BACK");
        }
    }

    @Test
    void pullsTheTargetFromTheInstallationsRegistryBeforeAnythingStops() throws Exception {
        String registry = "127.0.0.1:5000/";
        // The registry's Developer image gets one layer this machine lacks, so the pull has a layer to fetch.
        Path context = Files.createTempDirectory(backups.path(), "image");
        Files.writeString(context.resolve("pulled-layer.txt"), "pulled at " + System.nanoTime() + "\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DE + "\nCOPY pulled-layer.txt /pulled-layer.txt\n");
        ComposeProject.Docker.ok(context, 120, "env", "DOCKER_BUILDKIT=0", "docker", "build", "-q", "-t", registry + DE, ".");
        ComposeProject.Docker.ok(Path.of("/"), 120, "docker", "push", registry + DE);
        ComposeProject.Docker.run(Path.of("/"), 30, "docker", "rmi", registry + DE);
        ComposeProject.Docker.ok(Path.of("/"), 30, "docker", "tag", EE, registry + EE);
        try (ComposeProject p = ComposeProject.create(registry + EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            Run r = cli("migrate", "--json", "--to", "developer", "--version", "5.3.0", "--compose-dir", p.dir.toString(),
                    "--backup-dir", backups.path().toString(), "--health-timeout", "90s", "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            var events = JsonEvents.parse(r.out());
            assertThat(JsonEvents.ofType(events, "check")).anySatisfy(c -> assertThat(c.path("message").asText())
                    .contains("is not present locally: it is pulled before anything stops"));
            assertThat(JsonEvents.ofType(events, "step").stream().filter(s -> s.path("event").asText().equals("finished"))
                    .map(s -> s.path("id").asText()).toList())
                    .containsExactly("pull", "prepare", "backup", "switch-image", "start", "verify");
            assertThat(events.get(events.size() - 1).path("outcome").asText()).isEqualTo("done");
            assertThat(JsonEvents.ofType(events, "progress")).as("the pull's progress names its layers")
                    .anySatisfy(e -> {
                        assertThat(e.path("what").asText()).startsWith("pull " + registry + DE);
                        assertThat(e.path("unit").asText()).isEqualTo("bytes");
                        assertThat(e.path("note").asText()).matches("\\d+ of \\d+ layers");
                    });
            assertThat(r.out()).doesNotContain("Example-Db-Pa55word-7f3a");
            assertThat(p.env()).isEqualTo(envBefore.replace(registry + EE, registry + DE));
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(registry + DE);
            assertThat(ComposeProject.serverInfo()).contains("developer edition");
        } finally {
            ComposeProject.Docker.run(Path.of("/"), 30, "docker", "rmi", registry + EE);
        }
    }

    private String insertMarkerRow() {
        String marker = "marker-" + System.nanoTime();
        ComposeProject.Docker.ok(Path.of("/"), 30, "docker", "exec", "mariadb", "sh", "-c",
                "MYSQL_PWD=\"$MYSQL_ROOT_PASSWORD\" mariadb -uroot -e \"INSERT INTO dtable_db.dtables VALUES (99, '" + marker + "')\"");
        return marker;
    }

    private Path onlyRun() throws IOException {
        try (Stream<Path> runs = Files.list(backups.path())) {
            List<Path> dirs = runs.filter(Files::isDirectory).toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }

    /** Checksums match the manifest, modes are 0600, the saved .env is the original, and the dump loads back. */
    private void assertBackup(String envBefore, String marker) throws Exception {
        Path run = onlyRun();
        ComposeProject.Docker.ok(run, 60, "sha256sum", "-c", "--strict", "SHA256SUMS");
        assertThat(Files.readString(run.resolve("config/.env"))).isEqualTo(envBefore);
        for (String f : List.of("databases.sql", "SHA256SUMS", "manifest.json", "config/.env", "config/seatable-license.txt")) {
            assertThat(ComposeProject.Docker.ok(run, 10, "stat", "-c", "%a", f).strip()).as(f).isEqualTo("600");
        }
        String dump = Files.readString(run.resolve("databases.sql"));
        assertThat(dump.strip()).contains("-- Dump completed");
        assertThat(dump).contains("CREATE DATABASE").contains("`ccnet_db`").contains("`seafile_db`").contains("`dtable_db`");
        String restore = "seatable-migrate-restore-test";
        ComposeProject.Docker.run(Path.of("/"), 60, "docker", "rm", "-f", restore);
        try {
            ComposeProject.Docker.ok(Path.of("/"), 60, "docker", "run", "-d", "--name", restore, "-e", "MYSQL_ROOT_PASSWORD=restore",
                    "-e", "SEED_SEATABLE_DATABASES=0", "seatable-migrate-test/mariadb:10.11");
            for (int i = 0; i < 120 && ComposeProject.Docker.run(Path.of("/"), 10, "docker", "exec", restore, "mariadb", "-uroot",
                    "-prestore", "-e", "SELECT 1").exit() != 0; i++) {
                ComposeProject.sleep(500);
            }
            ComposeProject.Docker.ok(Path.of("/"), 120, "sh", "-c", "docker exec -i " + restore + " mariadb -uroot -prestore < "
                    + run.resolve("databases.sql"));
            String rows = ComposeProject.Docker.ok(Path.of("/"), 30, "docker", "exec", restore, "mariadb", "-uroot", "-prestore",
                    "-N", "-e", "SELECT name FROM dtable_db.dtables ORDER BY id; SELECT email FROM ccnet_db.EmailUser ORDER BY id");
            assertThat(rows).contains("Projects").contains("Customers").contains("Inventory").contains("admin@example.com");
            if (marker != null) {
                assertThat(rows).contains(marker);
            }
        } finally {
            ComposeProject.Docker.run(Path.of("/"), 60, "docker", "rm", "-f", restore);
        }
    }

    /** The database password from .env appears in no output and no journal or manifest. */
    private void assertNoSecretIn(Run r, ComposeProject p) throws IOException {
        String password = "Example-Db-Pa55word-7f3a";
        assertThat(p.env()).contains(password);
        assertThat(r.out() + r.err()).doesNotContain(password);
        Path run = onlyRun();
        assertThat(Files.readString(run.resolve("seatable-migrate.log"))).contains("step verify finished").contains("result DONE");
        assertThat(ComposeProject.Docker.ok(run, 10, "stat", "-c", "%a", "seatable-migrate.log").strip()).isEqualTo("600");
        for (String f : List.of("journal.log", "manifest.json", "SHA256SUMS", "seatable-migrate.log")) {
            assertThat(new String(Files.readAllBytes(run.resolve(f)), StandardCharsets.UTF_8)).as(f).doesNotContain(password);
        }
    }
}
