package seatablemigrate.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.Intent;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.testing.Installations;

/** The one wording of a plan that changes nothing by itself, as 'plan' previews it and as a run ends on it. */
class PlannedStopTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");

    private static MigrationPlan plan(Edition running, MigrationRequest request, CheckResult... checks) {
        return new MigrationPlan(Installations.running(running, DIR), request, List.of(checks), Optional.empty(), Path.of("/opt/seatable-backup/run"),
                List.of(), List.of());
    }

    @Test
    void aSwitchToTheRunningEditionHasNothingToDo() {
        MigrationPlan plan = plan(Edition.DEVELOPER, MigrationRequest.builder(DIR, Edition.DEVELOPER).build(), CheckResult.pass("current-state", "ok"));

        assertThat(PlannedStop.of(plan)).contains(new PlannedStop(Outcome.NOTHING_TO_DO,
                "nothing to do: SeaTable already runs the Developer Edition 5.3.0.", "SeaTable already runs the Developer Edition 5.3.0: nothing to do"));
        assertThat(PlannedStop.refused(plan)).isEmpty();
    }

    @Test
    void offlineNothingToDoIsTheCopysWord() {
        MigrationRequest offline = MigrationRequest.builder(DIR, Edition.DEVELOPER).offline(true).build();

        PlannedStop stop = PlannedStop.nothingToDo(plan(Edition.DEVELOPER, offline, CheckResult.pass("current-state", "ok"))).orElseThrow();

        assertThat(stop.preview()).isEqualTo("nothing to do: the copy says SeaTable runs the Developer Edition 5.3.0 (nothing was observed on the host)");
        assertThat(stop.runResult()).isEqualTo(new Runner.Result(Outcome.NOTHING_TO_DO,
                "the copy says SeaTable runs the Developer Edition 5.3.0: nothing to do"));
    }

    @Test
    void aRefusalNamesTheFailedChecksAndTheCommandThatWouldRun() {
        CheckResult[] checks = {CheckResult.fail("disk-space", "full"), CheckResult.pass("engine", "ok"), CheckResult.fail("license", "x")};
        PlannedStop toSwitch = PlannedStop.of(plan(Edition.ENTERPRISE, MigrationRequest.builder(DIR, Edition.DEVELOPER).build(), checks)).orElseThrow();
        PlannedStop toUpgrade = PlannedStop.of(plan(Edition.ENTERPRISE, MigrationRequest.builder(DIR, Edition.ENTERPRISE).intent(Intent.UPGRADE)
                .build(), checks)).orElseThrow();

        assertThat(toSwitch).isEqualTo(new PlannedStop(Outcome.REFUSED, "'migrate' would change nothing until these checks pass: disk-space, license",
                "refused by pre-flight (disk-space, license): nothing was changed"));
        assertThat(toUpgrade.preview()).isEqualTo("'upgrade' would change nothing until these checks pass: disk-space, license");
        assertThat(toUpgrade.result()).isEqualTo(toSwitch.result());
    }

    @Test
    void aPlanWithChangesToMakeDoesNotStop() {
        MigrationPlan plan = plan(Edition.ENTERPRISE, MigrationRequest.builder(DIR, Edition.DEVELOPER).build(), CheckResult.pass("engine", "ok"),
                CheckResult.warn("license", "x"));

        assertThat(PlannedStop.of(plan)).isEmpty();
    }
}
