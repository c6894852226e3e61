package seatablemigrate.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Runner;

/** How 'doctor' ends: ready with its checks and warnings counted, or not ready naming the checks that fail. */
class DoctorResultTest {
    @Test
    void readyCountsTheChecksAndTheirWarnings() {
        assertThat(Workflow.doctorResult(List.of(CheckResult.pass("engine", "ok"), CheckResult.warn("license", "expires"),
                CheckResult.pass("database", "ok")))).isEqualTo(new Runner.Result(Outcome.DONE, "ready to be switched: 3 checks, 1 warning(s)"));
    }

    @Test
    void notReadyNamesEachFailedCheck() {
        assertThat(Workflow.doctorResult(List.of(CheckResult.fail("current-state", "x"), CheckResult.warn("license", "y"),
                CheckResult.fail("disk-space", "z")))).isEqualTo(new Runner.Result(Outcome.REFUSED, "not ready: current-state, disk-space"));
    }
}
