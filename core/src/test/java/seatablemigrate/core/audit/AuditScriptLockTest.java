package seatablemigrate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.runfolder.RunPointer;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;
import seatablemigrate.core.testing.OtherUser;
import seatablemigrate.core.testing.Root;

/** An audit script takes the lock a live run holds: while another run holds it, the script refuses before any change. */
class AuditScriptLockTest {
    @TempDir
    Path tmp;

    @Test
    void aScriptRefusesWhileAnotherRunHoldsTheProjectsLock() throws Exception {
        Assumptions.assumeTrue(Root.running(), Root.RUN_LOCK); // the script takes the lock where every run takes it
        Path dir = tmp.resolve("seatable-compose");
        FakeHost host = Installations.host(Edition.ENTERPRISE, dir);
        var req = MigrationRequest.builder(dir, Edition.DEVELOPER).version(Optional.of("5.3.0")).backupRoot(tmp.resolve("backup"))
                .healthTimeout(Duration.ofSeconds(5)).build();
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
        MigrationPlan plan = new Planner(host, clock).plan(Installations.running(Edition.ENTERPRISE, dir), req);
        List<Recorder.Entry> entries = new ArrayList<>();
        plan.steps().forEach(s -> {
            entries.add(new Recorder.StepStarted(s));
            s.changes().forEach(c -> entries.add(new Recorder.Applied(c)));
        });
        Path script = tmp.resolve("audit.sh");
        Files.writeString(script, new AuditScript(plan, entries, "test", clock.instant(), "test host", List.of()).render());
        Path lock = RunPointer.lockFile(dir);
        if (!Files.isDirectory(lock.getParent())) { // as the tool creates it
            Files.createDirectory(lock.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }

        Process holder = new ProcessBuilder("flock", lock.toString(), "sleep", "60").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (new ProcessBuilder("flock", "-n", lock.toString(), "true").start().waitFor() == 0) {
                assertThat(System.nanoTime()).as("the holder took the lock").isLessThan(deadline);
                Thread.sleep(20);
            }
            Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isEqualTo(3);
            assertThat(out).contains("pre-flight guard 'lock' failed: another seatable-migrate run holds " + lock)
                    .contains("Nothing was changed.");
            assertThat(tmp.resolve("backup")).doesNotExist();
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Only the script's lock, then a line that says it got past it. */
    private String lockOnly(Path lockFile) throws Exception {
        StringBuilder sb = new StringBuilder(AuditScript.SHEBANG).append("set -euo pipefail\n").append(AuditScript.PRELUDE);
        AuditScript.lock(sb, lockFile);
        sb.append("echo 'past the lock'\n");
        Path script = tmp.resolve("lock-" + System.nanoTime() + ".sh");
        Files.writeString(script, sb.toString());
        Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + ": " + out;
    }

    @Test
    void aScriptFollowsNoSymlinkAnotherUserPlantedAndRefusesASharedLockFolder() throws Exception {
        Assumptions.assumeTrue(OtherUser.canPlant(), "needs root to act as nobody");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path secret = Files.createDirectory(tmp.resolve("root-only"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path shared = Files.createDirectory(tmp.resolve("lock"));
        Files.setAttribute(shared, "unix:mode", 01777); // as /run/lock is
        Path lock = shared.resolve("seatable-migrate-x.lock");
        OtherUser.symlink(lock, secret.resolve("nologin"));

        String out = lockOnly(lock);

        assertThat(out).startsWith("3: ").contains("pre-flight guard 'lock' failed").contains(shared.toString()).contains("writable")
                .contains("Nothing was changed.").doesNotContain("past the lock");
        assertThat(secret.resolve("nologin")).as("created through the symlink").doesNotExist();
    }

    @Test
    void aScriptRefusesASymlinkInItsOwnLockFolderAndAFolderOfAnotherUser() throws Exception {
        Assumptions.assumeTrue(OtherUser.canPlant(), "needs root to give files away");
        Path own = Files.createDirectory(tmp.resolve("own"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path lock = own.resolve("seatable-migrate-x.lock");
        Files.createSymbolicLink(lock, tmp.resolve("elsewhere"));
        OtherUser.own(lock);
        assertThat(lockOnly(lock)).startsWith("3: ").contains(lock + " is a symlink").doesNotContain("past the lock");
        assertThat(tmp.resolve("elsewhere")).doesNotExist();

        Path foreign = Files.createDirectory(tmp.resolve("foreign"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        OtherUser.own(foreign);
        assertThat(lockOnly(foreign.resolve("x.lock"))).startsWith("3: ").contains("uid " + OtherUser.UID).doesNotContain("past the lock");
        assertThat(foreign.resolve("x.lock")).doesNotExist();

        Path fresh = tmp.resolve("fresh").resolve("x.lock");
        assertThat(lockOnly(fresh)).startsWith("0: ").contains("past the lock");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.getParent()))).isEqualTo("rwx------");
    }
}
