package seatablemigrate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.run.RunPointer;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/** An audit script takes the lock a live run holds: while another run holds it, the script refuses before any change. */
class AuditScriptLockTest {
    @TempDir
    Path tmp;

    @Test
    void aScriptRefusesWhileAnotherRunHoldsTheProjectsLock() throws Exception {
        Path dir = tmp.resolve("seatable-compose");
        FakeHost host = Installations.host(Edition.ENTERPRISE, dir);
        var req = new MigrationRequest(dir, ComposePreference.AUTO, Edition.DEVELOPER, Optional.of("5.3.0"), Optional.empty(), true,
                tmp.resolve("backup"), Duration.ofSeconds(5), false);
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
        Files.createDirectories(lock.getParent());

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
}
