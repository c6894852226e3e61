package seatablemigrate.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.RollbackRequest;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.runfolder.RunPointer;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;
import seatablemigrate.core.testing.ToldReporter;

/** While another run holds a project's lock, migrate, rollback and backups prune refuse, each in its own words, and change nothing. */
class LockedProjectTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path BACKUPS = Path.of("/opt/seatable-backup");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private static final String HOLDER = "another seatable-migrate run holds " + RunPointer.lockFile(DIR) + " (the other run)";

    private static FakeHost lockedHost() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        host.lock(RunPointer.lockFile(DIR), "the other run");
        return host;
    }

    private static Workflow workflow(FakeHost host) {
        return new Workflow(host, CLOCK, new Interruption());
    }

    @Test
    void migrateRefusesNamingTheHolderInTheLockCheck() {
        FakeHost host = lockedHost();
        ToldReporter told = new ToldReporter();
        MigrationRequest request = MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.of(Installations.version(Edition.DEVELOPER)))
                .backupRoot(BACKUPS).healthTimeout(Duration.ofSeconds(1)).build();

        Runner.Result r = workflow(host).migrate(request, plan -> true, told);

        assertThat(r).isEqualTo(new Runner.Result(Outcome.REFUSED, "another migration is running on " + DIR + "; nothing was changed"));
        assertThat(told.checks).containsExactly(CheckResult.fail("lock", HOLDER));
        assertThat(host.applied()).isEmpty();
    }

    @Test
    void rollbackRefusesNamingTheHolderInTheLockCheck() {
        FakeHost host = lockedHost();
        ToldReporter told = new ToldReporter();
        RollbackRequest request = new RollbackRequest(DIR, ComposePreference.AUTO, BACKUPS, Optional.empty(), false, Duration.ofSeconds(1));

        Runner.Result r = workflow(host).rollbackTo(request, plan -> true, told);

        assertThat(r).isEqualTo(new Runner.Result(Outcome.REFUSED, "another run is active on " + DIR + "; nothing was changed"));
        assertThat(told.checks).containsExactly(CheckResult.fail("lock", HOLDER));
        assertThat(host.applied()).isEmpty();
    }

    @Test
    void pruneRefusesWithTheHolderInItsResultAlone() {
        FakeHost host = lockedHost();
        ToldReporter told = new ToldReporter();

        Runner.Result r = workflow(host).pruneBackups(BACKUPS, DIR, 1, Optional.empty(), backups -> true, told);

        assertThat(r).isEqualTo(new Runner.Result(Outcome.REFUSED, HOLDER + "; nothing was removed"));
        assertThat(told.checks).isEmpty();
        assertThat(host.applied()).isEmpty();
    }
}
