package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run cut off mid-switch: Ctrl-C rolls back before exiting (130), SIGTERM too (143); a killed run (kill -9, as a lost session
 * would be) is found through its journal by the next run, which rolls it back and then does what was asked.
 * These start the packaged CLI as a separate process, as a user would.
 */
class InterruptionIT {
    private static final Path JAR = Path.of("target/seatable-migrate.jar").toAbsolutePath();
    @org.junit.jupiter.api.extension.RegisterExtension
    final TempBackupRoot backups = new TempBackupRoot();


    /**
     * The tool as a user's shell starts it: with SIGINT's default action, even when this test runs in a background job
     * of a non-interactive shell ({@code nohup scripts/test &}), whose children start with SIGINT ignored.
     */
    static List<String> withSignalDefaults(List<String> command) {
        List<String> out = new ArrayList<>(List.of("env", "--default-signal=INT,TERM"));
        out.addAll(command);
        return out;
    }

    private Process start(ComposeProject p, Path log) throws IOException {
        List<String> cmd = withSignalDefaults(List.of("java", "-jar", JAR.toString(), "migrate", "--to", "developer",
                "--compose-dir", p.dir.toString(), "--backup-dir", backups.path().toString(), "--health-timeout", "120s", "--yes"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Waits until the run is inside the health wait of the new edition (the stack is switched): its log beside the
     * backup shows the wait's first progress line.
     */
    private Path awaitVerifying(Process proc, Path log) throws IOException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (!proc.isAlive()) {
                throw new AssertionError("the run ended early (exit " + proc.exitValue() + "): " + Files.readString(log));
            }
            Optional<Path> run = ComposeProject.runInHealthWait(backups.path());
            if (run.isPresent()) {
                return run.get();
            }
            ComposeProject.sleep(200);
        }
        throw new AssertionError("the run never reached the verify step");
    }

    /**
     * Ctrl-C (SIGINT) and SIGTERM (timeout, systemd, CI cancellation) during the health wait stop at the same consistent
     * point: rolled back, the previous edition healthy, the lock free; only the exit code and the words differ.
     */
    @ParameterizedTest(name = "SIG{0}: exit {1}")
    @CsvSource({"INT, 130, Interrupted: , interrupted (Ctrl-C), END INTERRUPTED", "TERM, 143, Terminated: , terminated (SIGTERM), END TERMINATED"})
    void aStopSignalDuringTheHealthWaitRollsBack(String signal, int exit, String prefix, String reason, String end) throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            Files.writeString(p.dir.resolve("data/seatable-server/fail-next-start"), "");
            Path log = Files.createTempFile("migrate", ".log");
            Process proc = start(p, log);
            Path run = awaitVerifying(proc, log);
            ComposeProject.Docker.ok(Path.of("/"), 10, "kill", "-" + signal, Long.toString(proc.pid()));
            assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(proc.exitValue()).as(Files.readString(log)).isEqualTo(exit);
            assertThat(Files.readString(log)).contains(prefix).contains(reason);
            assertThat(p.env()).isEqualTo(envBefore);
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.EE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(Files.readString(run.resolve("journal.log"))).contains("DONE rollback-verify").endsWith(end + "\n");
            assertNoLockLeft(p);
        }
    }

    @Test
    void theNextRunRollsBackAKilledRunThenMigrates() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            Files.writeString(p.dir.resolve("data/seatable-server/fail-next-start"), "");
            Path log = Files.createTempFile("migrate", ".log");
            Process proc = start(p, log);
            Path killedRun = awaitVerifying(proc, log);
            proc.destroyForcibly();
            assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, LocalMigrationIT.DE));

            LocalMigrationIT.Run status = LocalMigrationIT.cli("status", "--compose-dir", p.dir.toString(), "--backup-dir", backups.path().toString());
            assertThat(status.out()).contains("warning: interrupted run " + killedRun).contains("the next 'migrate' or 'rollback' completes or rolls it back");

            LocalMigrationIT.Run r = LocalMigrationIT.cli("migrate", "--to", "developer", "--compose-dir", p.dir.toString(),
                    "--backup-dir", backups.path().toString(), "--health-timeout", "90s", "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("left the installation mid-switch (run " + killedRun.getFileName() + " was cut off")
                    .contains("recovery returns it to the Enterprise Edition 5.3.4")
                    .contains("Done: SeaTable now runs the Developer Edition 5.3.0");
            assertThat(Files.readString(killedRun.resolve("journal.log"))).contains("DONE rollback-verify")
                    .contains("END ROLLED_BACK recovered by a later run");
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, LocalMigrationIT.DE));
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.DE);
            assertThat(ComposeProject.serverInfo()).contains("developer edition");
            assertNoLockLeft(p);
        }
    }

    @Test
    void aRunWhoseRollbackFailedIsFoundByTheNextRunWhateverItsBackupFolder() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            LocalMigrationIT.Run failed = switchWhoseRollbackFails(p);
            Path run = onlyRun();
            String command = "seatable-migrate rollback --compose-dir " + p.dir + " --backup-dir " + backups.path() + " --backup "
                    + run.getFileName() + " --yes";
            assertThat(failed.out()).contains("NEEDS ATTENTION").contains("To recover, run: " + command);
            assertThat(Files.readString(run.resolve("journal.log"))).endsWith("END NEEDS_ATTENTION\n");

            // Another backup folder: the run is still found (through the host's record of the project's last run).
            Path elsewhere = Files.createTempDirectory("seatable-backup-elsewhere-");
            LocalMigrationIT.Run status = LocalMigrationIT.cli("status", "--compose-dir", p.dir.toString(), "--backup-dir", elsewhere.toString());
            assertThat(status.out()).contains("unresolved run " + run + " (run " + run.getFileName() + " ended NEEDS ATTENTION");
            LocalMigrationIT.Run next = LocalMigrationIT.cli("migrate", "--to", "developer", "--compose-dir", p.dir.toString(),
                    "--backup-dir", elsewhere.toString(), "--health-timeout", "60s", "--yes");

            assertThat(next.exit()).as(next.out() + next.err()).isZero();
            assertThat(next.out()).contains("an earlier run left the installation mid-switch (run " + run.getFileName() + " ended NEEDS ATTENTION")
                    .contains("recovered: the Enterprise Edition 5.3.4 runs again")
                    .contains("Done: SeaTable now runs the Developer Edition 5.3.0");
            assertThat(Files.readString(run.resolve("journal.log"))).endsWith("END ROLLED_BACK recovered by a later run\n");
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, LocalMigrationIT.DE));
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.DE);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            ComposeProject.Docker.run(Path.of("/"), 60, "rm", "-rf", elsewhere.toString());
        }
    }

    @Test
    void theRollbackCommandNamedByANeedsAttentionRunRestoresAndClosesIt() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            switchWhoseRollbackFails(p);
            Path run = onlyRun();

            LocalMigrationIT.Run r = LocalMigrationIT.cli("rollback", "--compose-dir", p.dir.toString(), "--backup-dir", backups.path().toString(),
                    "--backup", run.getFileName().toString(), "--health-timeout", "60s", "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("SeaTable runs the Enterprise Edition 5.3.4 again, healthy");
            assertThat(Files.readString(run.resolve("journal.log"))).endsWith("END ROLLED_BACK restored by 'seatable-migrate rollback'\n");
            assertThat(p.env()).isEqualTo(envBefore);
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            LocalMigrationIT.Run status = LocalMigrationIT.cli("status", "--compose-dir", p.dir.toString(), "--backup-dir", backups.path().toString());
            assertThat(status.out()).doesNotContain("unresolved run");
        }
    }

    /** The switch's start fails, and so does the rollback's: the run ends needing attention (exit 5). */
    private LocalMigrationIT.Run switchWhoseRollbackFails(ComposeProject p) throws IOException {
        Files.writeString(p.dir.resolve("data/seatable-server/fail-starts"), "2");
        LocalMigrationIT.Run failed = LocalMigrationIT.cli("migrate", "--to", "developer", "--compose-dir", p.dir.toString(),
                "--backup-dir", backups.path().toString(), "--health-timeout", "12s", "--yes");
        assertThat(failed.exit()).as(failed.out() + failed.err()).isEqualTo(5);
        return failed;
    }

    private Path onlyRun() throws IOException {
        try (Stream<Path> runs = Files.list(backups.path())) {
            return runs.collect(java.util.stream.Collectors.toList()).stream().reduce((a, b) -> {
                throw new AssertionError("more than one run: " + a + ", " + b);
            }).orElseThrow();
        }
    }

    /** The lock is free again: flock on it succeeds at once. */
    private static void assertNoLockLeft(ComposeProject p) {
        Path lock = seatablemigrate.core.runfolder.RunPointer.lockFile(p.dir);
        assertThat(ComposeProject.Docker.run(Path.of("/"), 10, "flock", "-n", lock.toString(), "true").exit()).isZero();
    }
}
