package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Refusals on a running Developer Edition: each leaves every file byte-identical, the containers untouched
 * (same ID, same start time) and the backup root empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalIT {
    private ComposeProject project;
    private Path backupRoot;
    private Map<String, String> files;
    private String seatable;
    private String mariadb;

    @BeforeAll
    void start() throws IOException {
        project = ComposeProject.create(LocalMigrationIT.DE, new byte[0]).up();
    }

    @AfterAll
    void stop() {
        project.close();
    }

    @BeforeEach
    void snapshot() throws IOException {
        backupRoot = Files.createTempDirectory("seatable-backup-");
        files = project.snapshot();
        seatable = ComposeProject.identity("seatable-server");
        mariadb = ComposeProject.identity("mariadb");
    }

    private LocalMigrationIT.Run migrate(String... extra) {
        String[] base = {"migrate", "--compose-dir", project.dir.toString(), "--backup-dir", backupRoot.toString(), "--yes"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return LocalMigrationIT.cli(args);
    }

    private void assertUntouched(LocalMigrationIT.Run r, int exit, String message) throws IOException {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(exit);
        assertThat(r.out() + r.err()).contains(message);
        assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(project.snapshot()).isEqualTo(files);
        assertThat(ComposeProject.identity("seatable-server")).isEqualTo(seatable);
        assertThat(ComposeProject.identity("mariadb")).isEqualTo(mariadb);
        try (var s = Files.list(backupRoot)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void anotherMinorVersion() throws IOException {
        assertUntouched(migrate("--to", "enterprise", "--version", "5.4.2", "--license", licenseFile("2099-12-31").toString()),
                3, "version 5.4.2 is not 5.3.x");
    }

    @Test
    void enterpriseWithTheEmptyPlaceholderLicense() throws IOException {
        assertUntouched(migrate("--to", "enterprise"), 3, "is empty, which SeaTable counts as expired");
    }

    @Test
    void enterpriseWithAMissingLicenseFile() throws IOException {
        assertUntouched(migrate("--to", "enterprise", "--license", backupRoot.resolve("nope.txt").toString()), 3,
                "the Enterprise Edition needs a license");
    }

    @Test
    void enterpriseWithAnExpiredLicense() throws IOException {
        assertUntouched(migrate("--to", "enterprise", "--license", licenseFile("2021-03-01").toString()), 3, "expired on 2021-03-01");
    }

    @Test
    void unknownComposeDirectory() throws IOException {
        LocalMigrationIT.Run r = LocalMigrationIT.cli("migrate", "--to", "enterprise", "--compose-dir", "/nonexistent/seatable",
                "--backup-dir", backupRoot.toString(), "--yes");
        assertUntouched(r, 2, "compose directory /nonexistent/seatable does not exist");
    }

    @Test
    void malformedEnvFile() throws IOException {
        Path env = project.dir.resolve(".env");
        byte[] original = Files.readAllBytes(env);
        try {
            Files.write(env, (new String(original, StandardCharsets.UTF_8) + "THIS LINE IS BROKEN\n").getBytes(StandardCharsets.UTF_8));
            files = project.snapshot();
            assertUntouched(migrate("--to", "enterprise", "--license", licenseFile("2099-12-31").toString()), 3,
                    ".env cannot be parsed: line 11: expected KEY=VALUE");
        } finally {
            Files.write(env, original);
        }
    }

    @Test
    void aVersionNeitherLocalNorAskableInItsRegistry() throws IOException {
        // Docker Hub cannot be reached from the test machine, as on an air-gapped host: the image must be local.
        assertUntouched(migrate("--to", "enterprise", "--version", "5.3.9", "--license", licenseFile("2099-12-31").toString()), 3,
                "seatable/seatable-enterprise:5.3.9 is not present locally and its registry cannot be asked: Docker Hub cannot be reached");
    }

    @Test
    void secondConcurrentRun() throws Exception {
        Path lock = seatablemigrate.core.runfolder.RunPointer.lockFile(project.dir);
        Files.createDirectories(lock.getParent());
        // Another run holds the lock as every run does: flock(1) on the file, for as long as it lasts.
        Process holder = new ProcessBuilder("flock", lock.toString(), "sh", "-c", "echo held; exec sleep 60").start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(5), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("held\n");
            assertUntouched(migrate("--to", "enterprise", "--license", licenseFile("2099-12-31").toString()), 3,
                    "another seatable-migrate run holds");
        } finally {
            // flock passes the lock to its child: end both.
            holder.descendants().forEach(ProcessHandle::destroy);
            holder.destroy();
            holder.waitFor();
        }
    }

    @Test
    void sameEditionIsNothingToDo() throws IOException {
        assertUntouched(migrate("--to", "developer"), 0, "already runs the Developer Edition 5.3.0: nothing to do");
    }

    @Test
    void noTerminalWithoutYesIsAUsageError() throws IOException {
        LocalMigrationIT.Run r = LocalMigrationIT.cli("migrate", "--to", "enterprise", "--compose-dir", project.dir.toString(),
                "--backup-dir", backupRoot.toString());
        assertUntouched(r, 2, "add --yes");
    }

    private Path licenseFile(String expiration) throws IOException {
        Path f = Files.createTempFile("license", ".txt");
        Files.writeString(f, new String(ComposeProject.validLicense(), StandardCharsets.UTF_8)
                .replace("2099-12-31", expiration));
        return f;
    }
}
