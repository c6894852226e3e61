package seatablemigrate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.backup.BackupCatalog;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.plan.RollbackSteps;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.run.Recorder;

/** A rollback script as a program: a failure after its first change ends the backup's journal NEEDS_ATTENTION, exit 5. */
class RollbackScriptTest {
    @TempDir
    Path tmp;

    @Test
    void aFailureAfterTheFirstChangeIsExit5AndTheJournalSaysNeedsAttention() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the script takes the project's lock under /run");
        Path compose = Files.createDirectories(tmp.resolve("seatable-compose"));
        Path backup = Files.createDirectories(tmp.resolve("backup/20261201-100000-to-developer"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(backup.getParent(), PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(backup.resolve("config"));
        Files.writeString(backup.resolve("config/.env"), "SEATABLE_IMAGE='seatable/seatable-enterprise:5.3.4'\n");
        Files.writeString(backup.resolve("SHA256SUMS"), sha(backup.resolve("config/.env")) + "  config/.env\n");
        Files.writeString(backup.resolve("journal.log"), "2026-12-01T10:00:00Z END ROLLED_BACK\n");
        var b = new BackupCatalog.Backup(backup.getFileName().toString(), backup, "2026-12-01T10:00:00Z", compose, Edition.ENTERPRISE,
                SeaTableVersion.parse("5.3.4").orElseThrow(), "seatable/seatable-enterprise:5.3.4", Edition.DEVELOPER,
                SeaTableVersion.parse("5.3.0").orElseThrow(), false, 1, 0644, false, 0644, "verified", "ROLLED_BACK");
        List<Recorder.Entry> entries = new ArrayList<>();
        var project = new RollbackSteps.Project(compose, ComposeCli.PLUGIN, "seatable-server", compose.resolve("seatable-license.txt"));
        var saved = new RollbackSteps.SavedState(backup, 0644, false, 0644, Edition.ENTERPRISE, b.fromVersion());
        for (Step s : RollbackSteps.of(project, saved, Duration.ofSeconds(1), RollbackSteps.Scope.SEATABLE, Optional.empty())) {
            entries.add(new Recorder.StepStarted(s));
            s.changes().forEach(c -> entries.add(new Recorder.Applied(c)));
        }
        Path script = tmp.resolve("rollback.sh");
        Files.writeString(script, new RollbackScript(b, compose, "seatable-server", entries, "test", Instant.EPOCH, "test host").render());
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("docker"), "#!/bin/sh\necho 'Cannot connect to the Docker daemon' >&2\nexit 1\n");
        Files.setPosixFilePermissions(bin.resolve("docker"), PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isEqualTo(5);
        assertThat(out).contains("THE ROLLBACK FAILED part-way");
        assertThat(Files.readString(backup.resolve("journal.log"))).contains("FAILED rollback-stop exit status 1")
                .endsWith("END NEEDS_ATTENTION restored by 'seatable-migrate rollback'\n");
        Process lint = new ProcessBuilder("shellcheck", script.toString()).redirectErrorStream(true).start();
        String lintOut = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor()).as(lintOut).isZero();
    }

    private static String sha(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
