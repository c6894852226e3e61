package seatablemigrate.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.runfolder.RunPointer;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.ToldReporter;

class ProjectLockTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path LOCK = RunPointer.lockFile(DIR);

    @Test
    void aFreeLockIsHeldInTheCommandsNameUntilClosedAndTellsNothing() {
        FakeHost host = new FakeHost(DIR);
        ToldReporter told = new ToldReporter();

        ProjectLock taken = ProjectLock.take(host, DIR, "seatable-migrate rollback", told, held -> "refused: " + held);

        assertThat(taken.refusal()).isEmpty();
        assertThat(told.checks).isEmpty();
        HostLock lock = taken.held();
        try (lock) {
            assertThatThrownBy(() -> host.lock(LOCK, "second")).hasMessageContaining("seatable-migrate rollback for " + DIR);
        }
        host.lock(LOCK, "after the first").close();
    }

    @Test
    void aHeldLockIsTheCommandsRefusalAndAFailedLockCheckNamingTheHolder() {
        FakeHost host = new FakeHost(DIR);
        HostLock other = host.lock(LOCK, "pid=42 seatable-migrate for " + DIR);
        ToldReporter told = new ToldReporter();

        ProjectLock taken = ProjectLock.take(host, DIR, "seatable-migrate", told, held -> "another run: " + held + "; nothing was changed");

        String holder = "another seatable-migrate run holds " + LOCK + " (pid=42 seatable-migrate for " + DIR + ")";
        assertThat(taken.refusal()).contains(new Runner.Result(Outcome.REFUSED, "another run: " + holder + "; nothing was changed"));
        assertThat(told.checks).containsExactly(CheckResult.fail("lock", holder));
        assertThatThrownBy(taken::held).isInstanceOf(IllegalStateException.class).hasMessageContaining(holder);
        other.close();
    }

    @Test
    void aRefusalThatIsTheWholeReportTellsNoCheck() {
        FakeHost host = new FakeHost(DIR);
        host.lock(LOCK, "the other");

        ProjectLock taken = ProjectLock.take(host, DIR, "seatable-migrate backups prune", Reporter.NONE, held -> held + "; nothing was removed");

        assertThat(taken.refusal().orElseThrow().message())
                .isEqualTo("another seatable-migrate run holds " + LOCK + " (the other); nothing was removed");
    }
}
