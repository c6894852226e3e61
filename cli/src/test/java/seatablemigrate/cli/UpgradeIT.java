package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code upgrade} on a real stack: the imitation stamps the release it migrated the databases to, in
 * {@code current_version.txt} and in the database itself (a one-row table in {@code dtable_db}), and refuses to start on a
 * newer one, as SeaTable's images do; so a way back that did not restore the databases and the stamp together fails.
 */
class UpgradeIT {
    static final String EE6 = "seatable/seatable-enterprise:6.0.3";

    @RegisterExtension
    final TempBackupRoot backups = new TempBackupRoot();

    static String sql(String statement) {
        return ComposeProject.Docker.ok(Path.of("/"), 30, "docker", "exec", "mariadb", "sh", "-c",
                "MYSQL_PWD=\"$MYSQL_ROOT_PASSWORD\" mariadb -uroot -N -e \"" + statement + "\"");
    }

    /** The content of every table SeaTable's databases hold, as MariaDB's checksums, and the list of tables. */
    private static String tables() {
        return sql("SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN ('ccnet_db','dtable_db','seafile_db')"
                + " ORDER BY 1, 2") + sql("CHECKSUM TABLE ccnet_db.EmailUser, seafile_db.Repo, dtable_db.dtables EXTENDED");
    }

    /** The release the imitation last migrated the databases to, as the database records it. */
    static String recordedRelease() {
        return sql("SELECT version FROM dtable_db.imitation_release WHERE id = 1").strip();
    }

    private static String stamp(ComposeProject p) throws Exception {
        return Files.readString(p.dir.resolve("data/seatable-server/seatable/conf/current_version.txt")).strip();
    }

    @Test
    void upgradesWithinTheEditionAndGoesBackOnlyWithTheDatabases() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String dir = p.dir.toString();
            String root = backups.path().toString();
            String envBefore = p.env();
            assertThat(recordedRelease()).isEqualTo("5.3.4");

            LocalMigrationIT.Run r = LocalMigrationIT.cli("upgrade", "--version", "6.0.3", "--compose-dir", dir, "--backup-dir", root,
                    "--health-timeout", "90s", "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("upgrading " + dir).contains("upgrade-path").contains("5.3.4 -> 6.0.3 (crossing 6.0)")
                    .contains("Done: SeaTable now runs the Enterprise Edition 6.0.3");
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, EE6));
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(EE6);
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"6.0.3\"").contains("enterprise edition");
            assertThat(stamp(p)).isEqualTo("6.0.3");
            assertThat(recordedRelease()).isEqualTo("6.0.3");
            Path run;
            try (var runs = Files.list(backups.path())) {
                run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            assertThat(Files.readString(run.resolve("seatable-conf/current_version.txt")).strip()).isEqualTo("5.3.4");
            assertThat(Files.readString(run.resolve("manifest.json"))).contains("\"intent\" : \"upgrade\"");

            // The way back needs the databases as they were: without them it is refused, and nothing changes.
            sql("INSERT INTO dtable_db.dtables VALUES (201, 'written-after-the-upgrade')");
            LocalMigrationIT.Run refused = LocalMigrationIT.cli("rollback", "--compose-dir", dir, "--backup-dir", root, "--yes");
            assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(3);
            assertThat(refused.out()).contains("was taken before an upgrade to 6.0.3").contains("Add --restore-database");
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(EE6);

            LocalMigrationIT.Run back = LocalMigrationIT.cli("rollback", "--restore-database", "--compose-dir", dir, "--backup-dir", root,
                    "--health-timeout", "90s", "--yes");
            assertThat(back.exit()).as(back.out() + back.err()).isZero();
            assertThat(p.env()).isEqualTo(envBefore);
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.EE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(stamp(p)).isEqualTo("5.3.4");
            assertThat(recordedRelease()).isEqualTo("5.3.4");
            assertThat(sql("SELECT COUNT(*) FROM dtable_db.dtables WHERE id = 201").strip()).isEqualTo("0");
        }
    }

    /**
     * A way back by hand that puts back the old image and the file stamp but not the databases: the old release finds the
     * newer schema recorded in the database and refuses to run, loudly; the tool's way back with the databases repairs it.
     */
    @Test
    void aWayBackWithoutTheDatabasesFailsOnTheDatabasesRecord() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            LocalMigrationIT.Run r = LocalMigrationIT.cli("upgrade", "--version", "6.0.3", "--compose-dir", p.dir.toString(), "--backup-dir",
                    backups.path().toString(), "--health-timeout", "90s", "--yes");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(recordedRelease()).isEqualTo("6.0.3");

            Files.writeString(p.dir.resolve(".env"), envBefore);
            Files.writeString(p.dir.resolve("data/seatable-server/seatable/conf/current_version.txt"), "5.3.4\n");
            p.start();

            String refusal = "the database schema was upgraded to 6.0.3 by a newer version (dtable_db.imitation_release); 5.3.4 cannot run on it";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ComposeProject.Docker.run(Path.of("/"), 20, "docker", "logs", "seatable-server").stdout().contains(refusal)) {
                assertThat(System.nanoTime()).as("5.3.4 refuses the migrated database within a minute").isLessThan(deadline);
                ComposeProject.sleep(200);
            }
            ComposeProject.sleep(5000);
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.EE);
            assertThat(ComposeProject.health("seatable-server")).isNotEqualTo("healthy");
            assertThat(recordedRelease()).isEqualTo("6.0.3");

            LocalMigrationIT.Run back = LocalMigrationIT.cli("rollback", "--restore-database", "--compose-dir", p.dir.toString(),
                    "--backup-dir", backups.path().toString(), "--health-timeout", "90s", "--yes");
            assertThat(back.exit()).as(back.out() + back.err()).isZero();
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(recordedRelease()).isEqualTo("5.3.4");
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"5.3.4\"");
        }
    }

    /**
     * Another edition of another release in one run ({@code --via-upgrade}): the Enterprise Edition 6.0.3 first (the upgrade),
     * then the Developer Edition 6.0.3; one backup, whose way back restores 5.3.4 with its databases.
     */
    @Test
    void anotherEditionOfAnotherReleaseInOneRunAndBack() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            String dir = p.dir.toString();
            String root = backups.path().toString();

            LocalMigrationIT.Run refused = LocalMigrationIT.cli("migrate", "--to", "developer", "--version", "6.0.3", "--compose-dir", dir,
                    "--backup-dir", root, "--yes");
            assertThat(refused.exit()).isEqualTo(3);
            assertThat(refused.out()).contains("or one run of both: add --via-upgrade");

            LocalMigrationIT.Run r = LocalMigrationIT.cli("migrate", "--to", "developer", "--version", "6.0.3", "--via-upgrade", "--compose-dir",
                    dir, "--backup-dir", root, "--health-timeout", "90s", "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("through the Enterprise Edition 6.0.3 (--via-upgrade: the upgrade, then the switch)")
                    .contains("wait until the Enterprise Edition 6.0.3 is healthy").contains("Done: SeaTable now runs the Developer Edition 6.0.3");
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, "seatable/seatable-developer:6.0.3"));
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"6.0.3\"").contains("developer edition");
            assertThat(stamp(p)).isEqualTo("6.0.3");
            assertThat(recordedRelease()).isEqualTo("6.0.3");
            try (var runs = Files.list(backups.path())) {
                assertThat(runs.filter(Files::isDirectory).count()).as("one backup").isEqualTo(1);
            }

            LocalMigrationIT.Run back = LocalMigrationIT.cli("rollback", "--restore-database", "--compose-dir", dir, "--backup-dir", root,
                    "--health-timeout", "90s", "--yes");

            assertThat(back.exit()).as(back.out() + back.err()).isZero();
            assertThat(p.env()).isEqualTo(envBefore);
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"5.3.4\"").contains("enterprise edition");
            assertThat(stamp(p)).isEqualTo("5.3.4");
            assertThat(recordedRelease()).isEqualTo("5.3.4");
        }
    }

    /** The Developer Edition upgrades within its edition as the Enterprise Edition does, and needs no license for it. */
    @Test
    void theDeveloperEditionUpgradesWithinItsEdition() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.DE, new byte[0]).up()) {
            String envBefore = p.env();

            LocalMigrationIT.Run r = LocalMigrationIT.cli("upgrade", "--version", "6.0.3", "--compose-dir", p.dir.toString(), "--backup-dir",
                    backups.path().toString(), "--health-timeout", "90s", "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("Done: SeaTable now runs the Developer Edition 6.0.3");
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.DE, "seatable/seatable-developer:6.0.3"));
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"6.0.3\"").contains("developer edition");
            assertThat(stamp(p)).isEqualTo("6.0.3");
        }
    }

    /**
     * The new release migrates (here: the test changes tables while the release hangs in its first start, after it stamped
     * its version) and then fails: the rollback loads the dump and restores the stamp, and the previous release runs on
     * tables exactly as they were.
     */
    @Test
    void aFailedFirstStartRestoresEveryTableAndTheStamp() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String before = tables();
            Files.writeString(p.dir.resolve("data/seatable-server/fail-next-start"), "");
            CompletableFuture<LocalMigrationIT.Run> upgrade = CompletableFuture.supplyAsync(() -> LocalMigrationIT.cli("upgrade",
                    "--version", "6.0.3", "--compose-dir", p.dir.toString(), "--backup-dir", backups.path().toString(), "--health-timeout", "25s",
                    "--yes"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(p.dir.resolve("data/seatable-server/seatable/conf/current_version.txt"))
                    || !stamp(p).equals("6.0.3")) {
                assertThat(System.nanoTime()).as("the new release starts within 2 minutes").isLessThan(deadline);
                ComposeProject.sleep(200);
            }
            sql("ALTER TABLE dtable_db.dtables ADD COLUMN migrated INT DEFAULT 6; CREATE TABLE dtable_db.new_in_6 (id INT);"
                    + " UPDATE ccnet_db.EmailUser SET is_active = 0");
            assertThat(tables()).isNotEqualTo(before);

            LocalMigrationIT.Run r = upgrade.get(5, TimeUnit.MINUTES);

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
            assertThat(r.out()).contains("==> load the databases from ").contains("rolled back: the previous release runs and is healthy")
                    .contains("the upgrade failed (step 'verify' failed");
            assertThat(tables()).isEqualTo(before);
            assertThat(stamp(p)).isEqualTo("5.3.4");
            assertThat(recordedRelease()).isEqualTo("5.3.4");
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.EE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"5.3.4\"");
        }
    }

    /** The audit script of an upgrade, recorded by a dry-run that changed nothing, reaches the live end state when run. */
    @Test
    void theDryRunsScriptUpgradesAsALiveRunWould() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            String seatable = ComposeProject.identity("seatable-server");
            Path script = backups.path().resolveSibling(backups.path().getFileName() + "-upgrade.sh");
            LocalMigrationIT.Run dry = LocalMigrationIT.cli("upgrade", "--dry-run", "--script", script.toString(), "--compose-dir",
                    p.dir.toString(), "--backup-dir", backups.path().toString(), "--health-timeout", "90s");
            try {
                assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
                // The newest release the path allows among the test registry's: 6.1.0 (5.4 is no known line, 6.2 needs a manual step).
                assertThat(dry.out()).contains("5.3.4 -> 6.1.0 (crossing 6.0, 6.1)").contains("newer 6.2.0 is not chosen: crossing 6.2 needs a manual step");
                assertThat(p.env()).isEqualTo(envBefore);
                assertThat(ComposeProject.identity("seatable-server")).isEqualTo(seatable);
                String text = Files.readString(script);
                assertThat(text).contains("seatable-conf/current_version.txt").contains("-- Dump completed").contains("--add-drop-database");
                ComposeProject.Docker.Result lint = ComposeProject.Docker.run(Path.of("/"), 60, "shellcheck", script.toString());
                assertThat(lint.stdout() + lint.stderr()).isEmpty();

                ComposeProject.Docker.Result r = ComposeProject.Docker.run(Path.of("/"), 300, "bash", script.toString());

                assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
                assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, "seatable/seatable-enterprise:6.1.0"));
                assertThat(ComposeProject.serverInfo()).contains("\"version\": \"6.1.0\"");
                assertThat(stamp(p)).isEqualTo("6.1.0");
            } finally {
                Files.deleteIfExists(script);
            }
        }
    }

    /**
     * An upgrade planned offline, from a copy of the compose directory and one of SeaTable's configuration folder: its script
     * refuses while the host's folder holds another file than the copy did, with nothing changed, then upgrades as a live run
     * would; its backup takes the host back to 5.3.4 with its databases.
     */
    @Test
    void anOfflineUpgradeFromCopiesGuardsTheConfigurationFolderAndUpgrades() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            Path copy = Files.createTempDirectory("copy-of-compose-");
            Path conf = Files.createTempDirectory("copy-of-conf-");
            Path script = backups.path().resolveSibling(backups.path().getFileName() + "-offline-upgrade.sh");
            Path hostConf = p.dir.resolve("data/seatable-server/seatable/conf");
            try {
                for (Map.Entry<String, String> f : p.snapshot().entrySet()) {
                    Files.write(copy.resolve(f.getKey()), f.getValue().getBytes(StandardCharsets.ISO_8859_1));
                }
                try (Stream<Path> files = Files.list(hostConf)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, conf.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
                LocalMigrationIT.Run missing = LocalMigrationIT.cli("upgrade", "--dry-run", "--offline", "--from", copy.toString(), "--version",
                        "6.0.3", "--compose-dir", p.dir.toString(), "--backup-dir", backups.path().toString());
                assertThat(missing.exit()).as(missing.out() + missing.err()).isEqualTo(3);
                assertThat(missing.out()).contains("[fail]     seatable-conf   offline, an upgrade saves SeaTable's configuration folder " + hostConf)
                        .contains("--seatable-conf-from");

                LocalMigrationIT.Run rec = LocalMigrationIT.cli("upgrade", "--dry-run", "--offline", "--from", copy.toString(),
                        "--seatable-conf-from", conf.toString(), "--version", "6.0.3", "--compose-dir", p.dir.toString(), "--backup-dir",
                        backups.path().toString(), "--health-timeout", "90s", "--script", script.toString());
                assertThat(rec.exit()).as(rec.out() + rec.err()).isZero();
                assertThat(rec.out()).contains("[deferred] seatable-conf").contains("named by the copy " + conf);
                assertThat(Files.readString(script)).contains("seatable-conf/current_version.txt").doesNotContain(copy + "/.env");
                ComposeProject.Docker.Result lint = ComposeProject.Docker.run(Path.of("/"), 60, "shellcheck", script.toString());
                assertThat(lint.stdout() + lint.stderr()).isEmpty();

                // The host's folder no longer holds what the copy named: refused before any change.
                ComposeProject.Docker.run(Path.of("/"), 30, "touch", hostConf.resolve("added-since.conf").toString());
                ComposeProject.Docker.Result refused = ComposeProject.Docker.run(Path.of("/"), 120, "bash", script.toString());
                assertThat(refused.exit()).as(refused.stdout() + refused.stderr()).isEqualTo(3);
                assertThat(refused.stderr()).contains("pre-flight guard 'seatable-conf' failed").contains("to hold the");
                assertThat(p.env()).isEqualTo(envBefore);
                assertThat(stamp(p)).isEqualTo("5.3.4");
                ComposeProject.Docker.run(Path.of("/"), 30, "rm", "-f", hostConf.resolve("added-since.conf").toString());

                ComposeProject.Docker.Result r = ComposeProject.Docker.run(Path.of("/"), 300, "bash", script.toString());

                assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
                assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, EE6));
                assertThat(ComposeProject.serverInfo()).contains("\"version\": \"6.0.3\"");
                assertThat(stamp(p)).isEqualTo("6.0.3");

                LocalMigrationIT.Run back = LocalMigrationIT.cli("rollback", "--restore-database", "--compose-dir", p.dir.toString(),
                        "--backup-dir", backups.path().toString(), "--health-timeout", "90s", "--yes");
                assertThat(back.exit()).as(back.out() + back.err()).isZero();
                assertThat(p.env()).isEqualTo(envBefore);
                assertThat(stamp(p)).isEqualTo("5.3.4");
                assertThat(ComposeProject.serverInfo()).contains("\"version\": \"5.3.4\"");
            } finally {
                Files.deleteIfExists(script);
                ComposeProject.Docker.run(Path.of("/"), 60, "rm", "-rf", copy.toString(), conf.toString());
            }
        }
    }

    @Test
    void aLineWithAManualStepIsRefusedWithNothingChanged() throws Exception {
        try (ComposeProject p = ComposeProject.create("seatable/seatable-enterprise:6.1.0", ComposeProject.validLicense()).up()) {
            String env = p.env();
            String seatable = ComposeProject.identity("seatable-server");
            LocalMigrationIT.Run r = LocalMigrationIT.cli("upgrade", "--version", "6.2.0", "--compose-dir", p.dir.toString(),
                    "--backup-dir", backups.path().toString(), "--yes");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
            assertThat(r.out()).contains("crossing 6.2: run the release's migrate/migrate_6.1_6.2.sh");
            assertThat(p.env()).isEqualTo(env);
            assertThat(ComposeProject.identity("seatable-server")).isEqualTo(seatable);
            try (var left = Files.list(backups.path())) {
                assertThat(left).as("no run folder").isEmpty();
            }
            LocalMigrationIT.Run lower = LocalMigrationIT.cli("upgrade", "--version", "6.0.3", "--compose-dir", p.dir.toString(),
                    "--backup-dir", backups.path().toString(), "--yes");
            assertThat(lower.exit()).isEqualTo(3);
            assertThat(lower.out()).contains("--version 6.0.3 is lower than the running 6.1.0");
        }
    }
}
