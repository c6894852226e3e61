package seatablemigrate.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.inspect.Inspector;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.plan.StepId;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/**
 * A switch of the Enterprise Edition 5.3.4 to the Developer Edition 6.0.3 in one run ({@code --via-upgrade}): the upgrade to
 * the Enterprise Edition 6.0.3 first, then the switch, with one backup; a failure in the second hop goes back to 5.3.4 with
 * the databases and the stamp as they were.
 */
class ViaUpgradeTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String EE6 = "seatable/seatable-enterprise:6.0.3";
    private static final String DE6 = "seatable/seatable-developer:6.0.3";

    private static FakeHost host() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR).write("INSERT INTO `EmailUser` VALUES (2,'before@example.com');");
        return host.image("sha256:" + "de".repeat(32), DE6);
    }

    private static MigrationPlan plan(FakeHost host, String version) {
        MigrationRequest req = MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.of(version)).viaUpgrade(true)
                .backupRoot(Path.of("/opt/seatable-backup")).healthTimeout(Duration.ofSeconds(1)).build();
        return new Planner(host, CLOCK, Installations.enterpriseRegistry("5.3.4", "6.0.3"))
                .plan(new Inspector(host).inspect(DIR, ComposePreference.AUTO), req);
    }

    @Test
    void theUpgradeComesFirstThenTheSwitchWithOneBackup() {
        FakeHost host = host();
        MigrationPlan plan = plan(host, "6.0.3");
        assertThat(plan.refused()).as(plan.checks().toString()).isFalse();
        assertThat(plan.checks()).extracting(CheckResult::name).contains("upgrade-path", "seatable-conf");
        assertThat(plan.steps()).extracting(Step::kind).containsExactly(StepId.PULL, StepId.PREPARE, StepId.BACKUP,
                StepId.SWITCH_IMAGE, StepId.START, StepId.VERIFY, StepId.SWITCH_IMAGE, StepId.START, StepId.VERIFY);
        assertThat(plan.steps().get(3).title()).contains(EE6);
        assertThat(plan.steps().get(5).title()).contains("Enterprise Edition 6.0.3");
        assertThat(plan.steps().get(8).title()).contains("Developer Edition 6.0.3");
        assertThat(plan.rollback()).extracting(Step::kind).contains(StepId.RESTORE_DATABASE);

        Runner.Result r = new Runner(host, new Interruption()).run(plan, Reporter.NONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(host.runningImage()).contains(DE6);
        assertThat(host.content(Installations.STAMP)).contains("6.0.3\n");
        assertThat(host.content(plan.runDir().resolve(RunFolder.MANIFEST)).orElseThrow()).contains("\"intent\" : \"upgrade\"");
    }

    @Test
    void aFailureInTheSecondHopGoesBackToTheFirstReleaseWithItsDatabases() {
        FakeHost host = host();
        String databases = host.databases();
        MigrationPlan plan = plan(host, "6.0.3");
        Step secondStart = plan.steps().get(7);
        host.failWhen(secondStart.changes().get(0)::equals, new seatablemigrate.core.ChangeFailedException("no room"));

        Runner.Result r = new Runner(host, new Interruption()).run(plan, Reporter.NONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(host.runningImage()).contains(Installations.image(Edition.ENTERPRISE));
        assertThat(host.content(Installations.STAMP)).contains("5.3.4\n");
        assertThat(host.databases()).isEqualTo(databases);
    }

    /** The files outside the backups and the tool's own state, as a user compares them. */
    private static java.util.Map<Path, String> installation(FakeHost host) {
        java.util.Map<Path, String> out = new java.util.TreeMap<>(host.snapshot());
        out.keySet().removeIf(p -> p.startsWith("/opt/seatable-backup") || p.startsWith("/var/lib/seatable-migrate"));
        return out;
    }

    /**
     * A failure at every change of the two hops: before the stack is touched nothing changes; from the first hop's .env edit
     * on, the way back ends with the Enterprise Edition 5.3.4 running on its databases, its stamp and its files as they were.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "failure at change {0}")
    @org.junit.jupiter.params.provider.MethodSource("everyChange")
    void aFailureAtAnyChangeOfEitherHopEndsWithTheFirstReleaseAsItWas(int index) {
        FakeHost host = host();
        java.util.Map<Path, String> files = installation(host);
        String databases = host.databases();
        MigrationPlan plan = plan(host, "6.0.3");
        java.util.List<seatablemigrate.core.spi.Change> changes = plan.steps().stream().flatMap(s -> s.changes().stream()).toList();
        seatablemigrate.core.spi.Change failing = changes.get(index);
        Step step = plan.steps().stream().filter(s -> s.changes().contains(failing)).findFirst().orElseThrow();
        host.failWhen(failing::equals, new seatablemigrate.core.ChangeFailedException("disk full"));

        Runner.Result r = new Runner(host, new Interruption()).run(plan, Reporter.NONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(step.changesStack() ? Outcome.ROLLED_BACK : Outcome.FAILED_UNCHANGED);
        assertThat(host.runningImage()).contains(Installations.image(Edition.ENTERPRISE));
        assertThat(host.content(Installations.STAMP)).contains("5.3.4\n");
        assertThat(host.databases()).isEqualTo(databases);
        assertThat(installation(host)).isEqualTo(files);
    }

    static java.util.stream.IntStream everyChange() {
        return java.util.stream.IntStream.range(0, plan(host(), "6.0.3").steps().stream().mapToInt(s -> s.changes().size()).sum());
    }

    @Test
    void withinTheRunningReleaseOrWithoutAVersionItIsRefused() {
        MigrationPlan same = plan(host(), "5.3.0");
        assertThat(same.refused()).isTrue();
        assertThat(same.checks().stream().filter(c -> c.name().equals("target-version")).findFirst().orElseThrow().message())
                .contains("--via-upgrade goes to another release");
    }
}
