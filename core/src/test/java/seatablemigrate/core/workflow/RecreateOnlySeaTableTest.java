package seatablemigrate.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.RollbackSteps;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;
import seatablemigrate.core.testing.ToldReporter;

/**
 * A switch recreates exactly what its plan says: SeaTable's container, and no other, also on a stack whose containers
 * another Compose created (their configuration hashes differ, so a plain {@code up -d} would recreate them all). The
 * plan shows what Compose's dry-run says, and the result says whether the other containers kept running.
 */
class RecreateOnlySeaTableTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    private static MigrationRequest request(ComposePreference compose) {
        return MigrationRequest.builder(DIR, Edition.DEVELOPER).compose(compose).version(Optional.of(Installations.version(Edition.DEVELOPER)))
                .backupRoot(Path.of("/opt/seatable-backup")).healthTimeout(Duration.ofSeconds(1)).build();
    }

    private static Runner.Result migrate(FakeHost host, MigrationRequest request, ToldReporter told) {
        return new Workflow(host, CLOCK, new Interruption()).migrate(request, plan -> true, told);
    }

    private static List<EngineChange.Compose> composeChanges(FakeHost host) {
        return host.applied().stream().filter(EngineChange.Compose.class::isInstance).map(EngineChange.Compose.class::cast).toList();
    }

    @Test
    void aStackAnotherComposeCreatedKeepsItsDatabaseAndThePlanSaysWhatComposeWouldDo() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR).createdByOtherCompose();
        ContainerState before = host.container("mariadb").orElseThrow();
        ToldReporter told = new ToldReporter();

        Runner.Result r = migrate(host, request(ComposePreference.AUTO), told);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(host.runningImage()).contains(Installations.image(Edition.DEVELOPER));
        ContainerState after = host.container("mariadb").orElseThrow();
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.startedAt()).isEqualTo(before.startedAt()).isPresent();
        assertThat(composeChanges(host)).extracting(EngineChange.Compose::describe).containsExactly("docker compose up -d --no-deps seatable-server");
        CheckResult preview = told.check("compose-preview");
        assertThat(preview.status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(preview.message()).isEqualTo("Compose (--dry-run) would recreate seatable-server and no other container; mariadb: its"
                + " configuration changed since it was created, this switch leaves it as it is");
        String kept = "mariadb kept running (same container, started 2026-11-30 10:00:01 UTC)";
        assertThat(told.infos).contains(kept);
        assertThat(told.warnings).isEmpty();
        assertThat(r.message()).contains("healthy. " + kept + ". Backup and journal:");
    }

    @Test
    void composeV1HasNoPreviewAndTheSwitchStillLeavesTheDatabaseAlone() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR).createdByOtherCompose();
        ContainerState before = host.container("mariadb").orElseThrow();
        ToldReporter told = new ToldReporter();

        Runner.Result r = migrate(host, request(ComposePreference.STANDALONE), told);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(host.container("mariadb").orElseThrow().id()).isEqualTo(before.id());
        assertThat(composeChanges(host)).extracting(EngineChange.Compose::describe).containsExactly("docker-compose up -d --no-deps seatable-server");
        CheckResult preview = told.check("compose-preview");
        assertThat(preview.status()).isEqualTo(CheckResult.Status.PASS);
        assertThat(preview.message()).isEqualTo("no preview (docker-compose (v1) has no --dry-run to ask); the switch brings up only"
                + " seatable-server (up -d --no-deps)");
        assertThat(r.message()).contains("mariadb kept running (same container");
    }

    @Test
    void aStackOfThisComposeHasNothingPending() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        ToldReporter told = new ToldReporter();

        assertThat(migrate(host, request(ComposePreference.AUTO), told).outcome()).isEqualTo(Outcome.DONE);
        assertThat(told.check("compose-preview")).isEqualTo(CheckResult.pass("compose-preview",
                "Compose (--dry-run) would recreate seatable-server and no other container"));
    }

    @Test
    void aFullRestartKeepsTheManualProcedure() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR).createdByOtherCompose();
        ContainerState before = host.container("mariadb").orElseThrow();
        ToldReporter told = new ToldReporter();

        Runner.Result r = migrate(host, request(ComposePreference.AUTO).withFullRestart(), told);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(composeChanges(host)).extracting(EngineChange.Compose::describe).containsExactly("docker compose down", "docker compose up -d");
        assertThat(host.container("mariadb").orElseThrow().id()).isNotEqualTo(before.id());
        assertThat(told.check("compose-preview").message()).startsWith("--full-restart: the switch stops and starts every container");
        assertThat(r.message()).doesNotContain("kept running");
    }

    @Test
    void aFailedSwitchRollsBackSeaTableAloneToo() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR).createdByOtherCompose();
        ContainerState before = host.container("mariadb").orElseThrow();
        host.failWhen(c -> c instanceof EngineChange.Compose compose && compose.args().contains("--no-deps")
                && compose.args().equals(EngineChange.Compose.upOnlyArgs("seatable-server")), new ChangeFailedException("no space left"));

        Runner.Result r = migrate(host, request(ComposePreference.AUTO), new ToldReporter());

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(host.runningImage()).contains(Installations.image(Edition.ENTERPRISE));
        assertThat(host.container("mariadb").orElseThrow().id()).isEqualTo(before.id());
        List<Change> rollback = host.applied().subList(host.applied().indexOf(EngineChange.Compose.stop(DIR, ComposeCli.PLUGIN, "seatable-server")),
                host.applied().size());
        assertThat(rollback.stream().filter(EngineChange.Compose.class::isInstance).map(Change::describe))
                .containsExactly("docker compose stop seatable-server", "docker compose up -d --no-deps seatable-server");
    }

    @Test
    void aRecoveryStartsWhatIsMissingWhenTheDatabaseIsDown() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        Workflow workflow = new Workflow(host, CLOCK, new Interruption());
        assertThat(RollbackSteps.Scope.forStackAsItIs(workflow.inspect(DIR, ComposePreference.AUTO))).isEqualTo(RollbackSteps.Scope.SEATABLE);
        host.apply(EngineChange.Compose.down(DIR, ComposeCli.PLUGIN), Duration.ofSeconds(1), (done, total, unit, note) -> { });
        assertThat(RollbackSteps.Scope.forStackAsItIs(workflow.inspect(DIR, ComposePreference.AUTO)))
                .isEqualTo(RollbackSteps.Scope.SEATABLE_AND_STOPPED);
    }

    @Test
    void thePlanAsksComposeWithTheTargetImage() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR).createdByOtherCompose();
        ContainerState before = host.container("mariadb").orElseThrow();
        MigrationPlan plan = new Workflow(host, CLOCK, new Interruption()).plan(request(ComposePreference.PLUGIN));
        // Asked with the current image, Compose would leave SeaTable's container as it is.
        assertThat(plan.checks().stream().filter(c -> c.name().equals("compose-preview")).findFirst().map(CheckResult::message))
                .hasValueSatisfying(m -> assertThat(m).startsWith("Compose (--dry-run) would recreate seatable-server"));
        assertThat(host.applied()).isEmpty();
        assertThat(host.container("mariadb")).contains(before);
    }

    @Test
    void theAuditScriptBringsUpSeaTableAloneAndSoDoesItsRollback() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        MigrationPlan plan = new Workflow(host, CLOCK, new Interruption()).plan(request(ComposePreference.PLUGIN));
        List<seatablemigrate.core.run.Recorder.Entry> entries = new ArrayList<>();
        plan.steps().forEach(s -> s.changes().forEach(c -> entries.add(new seatablemigrate.core.run.Recorder.Applied(c))));
        String script = new seatablemigrate.core.audit.AuditScript(plan, entries, "test", CLOCK.instant(), "test host", List.of()).render();
        assertThat(script.lines().filter(l -> l.contains("cd /opt/seatable-compose && env -u ") && l.contains(" docker compose up ")))
                .as("the switch and the rollback each bring up one service").hasSize(2)
                .allSatisfy(l -> assertThat(l).endsWith(" docker compose up -d --no-deps seatable-server)"));
        assertThat(script).doesNotContain("docker compose up -d)");
    }
}
