package seatablemigrate.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/** What a fleet keeps of a host's run, from its events as values: the live line and the summary's row. */
class HostRunTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    private static final FleetHost H1 = Inventory.ofTargets("h1,").hosts().get(0);

    private static MigrationPlan plan(FakeHost host, Edition to) {
        MigrationRequest request = MigrationRequest.builder(DIR, to).version(Optional.of(Installations.version(to)))
                .backupRoot(Path.of("/opt/seatable-backup")).healthTimeout(Duration.ofSeconds(1)).build();
        return new Planner(host, CLOCK).plan(Installations.running(Edition.ENTERPRISE, DIR), request);
    }

    @Test
    void aLiveRunShowsItsStepAndEndsWithItsBackupFolder() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        MigrationPlan plan = plan(host, Edition.DEVELOPER);
        HostRun run = new HostRun(H1, true);
        assertThat(run.line()).isEqualTo("connecting");
        run.planned(plan);
        assertThat(run.line()).isEqualTo("planned");
        run.check(CheckResult.pass("lock", "free"));
        assertThat(run.line()).isEqualTo("checking: lock");

        Runner.Result r = new Runner(host, new Interruption()).run(plan, Reporter.all(run));
        run.stepStarted(plan.steps().get(1));
        assertThat(run.line()).startsWith("step " + plan.steps().size() + "/" + plan.steps().size() + ": ");
        run.result(r.outcome(), r.message());

        HostResult result = run.result(r.outcome().exitCode());
        assertThat(result.outcome()).isEqualTo("done");
        assertThat(result.exitCode()).contains(0);
        assertThat(result.from()).isEqualTo("enterprise " + Installations.version(Edition.ENTERPRISE));
        assertThat(result.to()).isEqualTo("developer " + Installations.version(Edition.DEVELOPER));
        assertThat(result.backup()).isEqualTo(plan.runDir().toString());
        assertThat(result.message()).isEqualTo(r.message());
    }

    @Test
    void aDryRunNamesNoBackupAndNothingToDoNoTarget() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        MigrationPlan plan = plan(host, Edition.DEVELOPER);
        HostRun dry = new HostRun(H1, false);
        dry.planned(plan);
        new Runner(host, new Interruption()).run(plan, dry);
        assertThat(dry.result(0).backup()).isEmpty();

        HostRun same = new HostRun(H1, true);
        MigrationPlan nothing = plan(Installations.host(Edition.ENTERPRISE, DIR), Edition.ENTERPRISE);
        same.planned(nothing);
        same.result(Outcome.NOTHING_TO_DO, "SeaTable already runs it");
        assertThat(same.result(0)).extracting(HostResult::outcome, HostResult::to, HostResult::from)
                .containsExactly("nothing-to-do", "", "enterprise " + Installations.version(Edition.ENTERPRISE));
    }

    @Test
    void aRunWithoutAResultCountsByItsExitCode() {
        HostRun run = new HostRun(H1, true);
        run.installation(Installations.running(Edition.DEVELOPER, DIR), Optional.empty());
        run.progress("waiting for health", 3, 10, "s", "");
        assertThat(run.line()).isEqualTo("waiting for health 3/10 s");
        assertThat(run.result(3)).extracting(HostResult::outcome, HostResult::from, HostResult::message)
                .containsExactly("needs-attention", "developer " + Installations.version(Edition.DEVELOPER), "exit 3");
        assertThat(new HostRun(H1, true).result(0).outcome()).isEqualTo("done");
    }
}
