package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** 'backups' lists what migrate saved; 'rollback' returns to it, with and without the database. */
class BackupsAndRollbackIT {
    private static String sql(String statement) {
        return ComposeProject.Docker.ok(Path.of("/"), 30, "docker", "exec", "mariadb", "sh", "-c",
                "MYSQL_PWD=\"$MYSQL_ROOT_PASSWORD\" mariadb -uroot -N -e \"" + statement + "\"");
    }

    @Test
    void listsBackupsAndRollsBackWithAndWithoutTheDatabase() throws Exception {
        Path root = Files.createTempDirectory("seatable-backup-");
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String dir = p.dir.toString();
            String envBefore = p.env();
            assertThat(LocalMigrationIT.cli("migrate", "--to", "developer", "--compose-dir", dir, "--backup-dir", root.toString(), "--yes").exit()).isZero();
            sql("INSERT INTO dtable_db.dtables VALUES (101, 'after-first-switch')");

            LocalMigrationIT.Run list = LocalMigrationIT.cli("backups", "--compose-dir", dir, "--backup-dir", root.toString());
            assertThat(list.exit()).isZero();
            assertThat(list.out()).contains("enterprise 5.3.4 -> developer 5.3.0").contains("verified").contains("done");
            var events = JsonEvents.parse(LocalMigrationIT.cli("backups", "--json", "--compose-dir", dir, "--backup-dir", root.toString()).out());
            assertThat(JsonEvents.ofType(events, "backup")).hasSize(1);
            assertThat(JsonEvents.ofType(events, "backup").get(0).path("backup").path("verified").asBoolean()).isTrue();

            // The way back, reviewed first: a rollback dry-run changes nothing and writes the script that does it.
            String switched = p.env();
            String seatable = ComposeProject.identity("seatable-server");
            Path script = root.resolveSibling(root.getFileName() + "-rollback.sh");
            LocalMigrationIT.Run dry = LocalMigrationIT.cli("rollback", "--dry-run", "--script", script.toString(), "--compose-dir", dir,
                    "--backup-dir", root.toString(), "--health-timeout", "90s");
            assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
            assertThat(dry.out()).contains("Audit script: " + script);
            assertThat(p.env()).isEqualTo(switched);
            assertThat(ComposeProject.identity("seatable-server")).isEqualTo(seatable);
            ComposeProject.Docker.Result lint = ComposeProject.Docker.run(Path.of("/"), 60, "shellcheck", script.toString());
            assertThat(lint.stdout() + lint.stderr()).isEmpty();
            assertThat(Files.readString(script)).contains("docker compose stop seatable-server").contains("wait_healthy enterprise 5.3.4 90");

            // Back to Enterprise from the newest backup, by the reviewed script; the database is left as it is.
            ComposeProject.Docker.Result r = ComposeProject.Docker.run(Path.of("/"), 300, "bash", script.toString());
            Files.delete(script);
            assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
            assertThat(r.stdout()).contains("Done: SeaTable runs the Enterprise Edition 5.3.4 again");
            assertThat(p.env()).isEqualTo(envBefore);
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.EE);
            assertThat(ComposeProject.serverInfo()).contains("enterprise edition");
            assertThat(sql("SELECT name FROM dtable_db.dtables WHERE id = 101")).contains("after-first-switch");

            // Switch again, change data, then roll back with the database: the change is gone.
            assertThat(LocalMigrationIT.cli("migrate", "--to", "developer", "--compose-dir", dir, "--backup-dir", root.toString(), "--yes").exit()).isZero();
            sql("INSERT INTO dtable_db.dtables VALUES (102, 'after-second-switch')");
            String newest = newest(root);
            LocalMigrationIT.Run db = LocalMigrationIT.cli("rollback", "--backup", newest, "--restore-database", "--compose-dir", dir,
                    "--backup-dir", root.toString(), "--health-timeout", "90s", "--yes");
            assertThat(db.exit()).as(db.out() + db.err()).isZero();
            assertThat(db.out()).contains("==> load").contains("and the databases from its dump");
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.EE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(sql("SELECT name FROM dtable_db.dtables WHERE id IN (101, 102)")).contains("after-first-switch")
                    .doesNotContain("after-second-switch");

            // A backup whose files changed is refused.
            Files.writeString(root.resolve(newest).resolve("config/.env"), "tampered\n");
            assertThat(LocalMigrationIT.cli("backups", "--compose-dir", dir, "--backup-dir", root.toString()).out())
                    .contains("NOT VERIFIED: changed config/.env");
            LocalMigrationIT.Run refused = LocalMigrationIT.cli("rollback", "--backup", newest, "--compose-dir", dir,
                    "--backup-dir", root.toString(), "--yes");
            assertThat(refused.exit()).isEqualTo(3);
            assertThat(refused.out()).contains("does not check out");
        } finally {
            ComposeProject.Docker.run(Path.of("/"), 60, "rm", "-rf", root.toString());
        }
    }

    private static String newest(Path root) throws Exception {
        try (Stream<Path> s = Files.list(root)) {
            List<String> ids = s.map(x -> x.getFileName().toString()).sorted().toList();
            return ids.get(ids.size() - 1);
        }
    }
}
