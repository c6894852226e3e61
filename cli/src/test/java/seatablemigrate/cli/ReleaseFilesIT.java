package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upgrade --release-files} on the official layout (Compose v2): release files written for the tests, 5.3.4's (the
 * example's own) and 6.1.0's, whose seatable-server.yml needs a new secret, adds a service with a required setting, and whose
 * python-pipeline.yml changed. The admin changed seatable-server.yml elsewhere: that change is merged and kept.
 */
class ReleaseFilesIT {
    private static final String EE61 = "seatable/seatable-enterprise:6.1.0";
    private static final String MINE = "      - SEATABLE_LOG_LEVEL=debug\n";
    private static final String HELPER = "  seatable-helper:\n    image: seatable-migrate-test/idle:1\n    container_name: seatable-helper\n"
            + "    restart: unless-stopped\n    environment:\n      - HELPER_MODE=${SEATABLE_HELPER_MODE:?Variable is not set or empty}\n"
            + "    networks:\n      - backend-seatable-net\n\n";
    private static final Pattern SECRET = Pattern.compile("SEATABLE_HELPER_SECRET='([0-9a-f]{48})'\n");

    @RegisterExtension
    final TempBackupRoot backups = new TempBackupRoot();

    @TempDir
    Path releases;

    private String server61;
    private String pipeline61;

    /** v5.3.4: the official example's files as they are; v6.1.0: its release, written here from them. */
    @BeforeEach
    void releaseFiles() throws IOException {
        Path base = Files.createDirectories(releases.resolve("v5.3.4"));
        Path target = Files.createDirectories(releases.resolve("v6.1.0/compose"));
        try (Stream<Path> files = Files.list(ComposeProject.OFFICIAL)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".yml")).toList()) {
                Files.copy(f, base.resolve(f.getFileName()));
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        String server = Files.readString(base.resolve("seatable-server.yml"));
        server61 = server.replace("seatable/seatable-enterprise:5.3.4}", "seatable/seatable-enterprise:6.1.0}")
                .replace("      - TIME_ZONE=${TIME_ZONE}\n", "      - TIME_ZONE=${TIME_ZONE}\n"
                        + "      - SEATABLE_HELPER_SECRET=${SEATABLE_HELPER_SECRET:?Variable is not set or empty}\n")
                .replace("\n  mariadb:\n", "\n" + HELPER + "  mariadb:\n");
        assertThat(server61).contains("seatable-helper").contains("6.1.0").contains("SEATABLE_HELPER_SECRET");
        Files.writeString(target.resolve("seatable-server.yml"), server61);
        pipeline61 = Files.readString(base.resolve("python-pipeline.yml")).replaceFirst("^# [^\n]*", "# The Python pipeline's scheduler, 6.1 files.");
        Files.writeString(target.resolve("python-pipeline.yml"), pipeline61);
        Files.writeString(target.resolve(".env-release"), "COMPOSE_FILE='caddy.yml,seatable-server.yml'\nCOMPOSE_PATH_SEPARATOR=','\n"
                + "MARIADB_PASSWORD=\nSEATABLE_HELPER_SECRET=\nSEATABLE_HELPER_MODE='idle'\n");
        Files.writeString(base.resolve(".env-release"), "COMPOSE_FILE='caddy.yml,seatable-server.yml'\nMARIADB_PASSWORD=\n");
    }

    /** The official project with the admin's own line in seatable-server.yml. */
    private static ComposeProject project() throws IOException {
        ComposeProject p = ComposeProject.official(Optional.empty(), ComposeProject.validLicense());
        Path server = p.dir.resolve("seatable-server.yml");
        String text = Files.readString(server);
        Files.writeString(server, text.replace("      - SEATABLE_MYSQL_DB_HOST=mariadb\n", "      - SEATABLE_MYSQL_DB_HOST=mariadb\n" + MINE));
        return p.up();
    }

    private static boolean exists(String container) {
        return ComposeProject.Docker.run(Path.of("/"), 20, "docker", "inspect", container).exit() == 0;
    }

    @Test
    void theOfficialFilesComeWithTheReleaseTheAdminsChangeStaysAndTheWayBackRestoresEveryByte() throws Exception {
        try (ComposeProject p = project()) {
            Map<String, String> before = p.snapshot();
            String dir = p.dir.toString();
            String root = backups.path().toString();

            LocalMigrationIT.Run r = LocalMigrationIT.cli("upgrade", "--version", "6.1.0", "--release-files", releases.toString(),
                    "--compose-dir", dir, "--backup-dir", root, "--health-timeout", "90s", "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("seatable-server.yml merged with 6.1.0's changes (yours kept)")
                    .contains("python-pipeline.yml replaced by 6.1.0's").contains("new services seatable-helper")
                    .contains(".env gains SEATABLE_HELPER_SECRET (a secret generated on the host, never shown)")
                    .contains(".env gains SEATABLE_HELPER_MODE (the release's default)")
                    .contains("Done: SeaTable now runs the Enterprise Edition 6.1.0");
            assertThat(Files.readString(p.dir.resolve("seatable-server.yml"))).isEqualTo(server61.replace(
                    "      - SEATABLE_MYSQL_DB_HOST=mariadb\n", "      - SEATABLE_MYSQL_DB_HOST=mariadb\n" + MINE));
            assertThat(Files.readString(p.dir.resolve("python-pipeline.yml"))).isEqualTo(pipeline61);
            assertThat(Files.readString(p.dir.resolve("caddy.yml"))).isEqualTo(before.get("caddy.yml"));
            String env = p.env();
            Matcher secret = SECRET.matcher(env);
            assertThat(secret.find()).as(env).isTrue();
            assertThat(env).isEqualTo(before.get(".env") + "SEATABLE_HELPER_SECRET='" + secret.group(1) + "'\nSEATABLE_HELPER_MODE='idle'\n"
                    + "SEATABLE_IMAGE='" + EE61 + "'\n");
            assertThat(r.out() + r.err()).doesNotContain(secret.group(1));
            try (Stream<Path> runs = Files.walk(backups.path())) {
                for (Path f : runs.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(secret.group(1));
                }
            }
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(EE61);
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"6.1.0\"");
            assertThat(ComposeProject.Docker.ok(Path.of("/"), 20, "docker", "inspect", "-f", "{{.State.Status}} {{range .Config.Env}}{{.}} {{end}}",
                    "seatable-helper")).startsWith("running").contains("HELPER_MODE=idle");

            LocalMigrationIT.Run back = LocalMigrationIT.cli("rollback", "--restore-database", "--compose-dir", dir, "--backup-dir", root,
                    "--health-timeout", "90s", "--yes");

            assertThat(back.exit()).as(back.out() + back.err()).isZero();
            assertThat(p.snapshot()).as("every file of the project as before the upgrade").isEqualTo(before);
            assertThat(exists("seatable-helper")).as("the service only 6.1.0's files had is gone").isFalse();
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.EE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"5.3.4\"");
        }
    }

    /** A line the admin changed where the new release changes it too: refused with the three versions, nothing changed. */
    @Test
    void aConflictingChangeIsRefusedWithItsLinesAndNothingChanges() throws Exception {
        try (ComposeProject p = project()) {
            Path server = p.dir.resolve("seatable-server.yml");
            Files.writeString(server, Files.readString(server).replace("      - TIME_ZONE=${TIME_ZONE}\n", "      - TIME_ZONE=${TIME_ZONE:-UTC}\n"));
            Map<String, String> before = p.snapshot();
            String seatable = ComposeProject.identity("seatable-server");

            LocalMigrationIT.Run r = LocalMigrationIT.cli("upgrade", "--version", "6.1.0", "--release-files", releases.toString(),
                    "--compose-dir", p.dir.toString(), "--backup-dir", backups.path().toString(), "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
            assertThat(r.out()).contains("seatable-server.yml was changed by hand where 6.1.0 changes it too")
                    .contains("yours:                - TIME_ZONE=${TIME_ZONE:-UTC}")
                    .contains("new release:          - TIME_ZONE=${TIME_ZONE}")
                    .contains("- SEATABLE_HELPER_SECRET=${SEATABLE_HELPER_SECRET:?Variable is not set or empty}")
                    .doesNotContain("Db-Pa55-official-88e1");
            assertThat(p.snapshot()).isEqualTo(before);
            assertThat(ComposeProject.identity("seatable-server")).isEqualTo(seatable);
            try (Stream<Path> runs = Files.list(backups.path())) {
                assertThat(runs).as("no run folder").isEmpty();
            }
        }
    }

    /** The dry-run's audit script writes the same files and generates its own secret on the host, never in the script. */
    @Test
    void theAuditScriptBringsTheSameFiles() throws Exception {
        try (ComposeProject p = project()) {
            Map<String, String> before = p.snapshot();
            Path script = backups.path().resolveSibling(backups.path().getFileName() + "-files.sh");
            LocalMigrationIT.Run dry = LocalMigrationIT.cli("upgrade", "--dry-run", "--version", "6.1.0", "--release-files", releases.toString(),
                    "--script", script.toString(), "--compose-dir", p.dir.toString(), "--backup-dir", backups.path().toString(),
                    "--health-timeout", "90s");
            try {
                assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
                assertThat(p.snapshot()).isEqualTo(before);
                String text = Files.readString(script);
                assertThat(text).contains("SEATABLE_HELPER_SECRET").contains("/dev/urandom").doesNotContain("Db-Pa55-official-88e1");
                ComposeProject.Docker.Result lint = ComposeProject.Docker.run(Path.of("/"), 60, "shellcheck", script.toString());
                assertThat(lint.stdout() + lint.stderr()).isEmpty();

                ComposeProject.Docker.Result r = ComposeProject.Docker.run(Path.of("/"), 300, "bash", script.toString());

                assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
                assertThat(Files.readString(p.dir.resolve("seatable-server.yml"))).contains(MINE).contains("seatable-helper");
                assertThat(Files.readString(p.dir.resolve("python-pipeline.yml"))).isEqualTo(pipeline61);
                assertThat(SECRET.matcher(p.env()).find()).isTrue();
                assertThat(ComposeProject.serverInfo()).contains("\"version\": \"6.1.0\"");
                assertThat(exists("seatable-helper")).isTrue();
            } finally {
                Files.deleteIfExists(script);
            }
        }
    }
}
