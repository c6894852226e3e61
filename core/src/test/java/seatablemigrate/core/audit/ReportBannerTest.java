package seatablemigrate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.testing.Installations;

/** The banner's four verdicts, each with its one sentence, as a change board reads them first in both reports. */
class ReportBannerTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");

    private static MigrationPlan plan(Edition running, MigrationRequest request, CheckResult... checks) {
        return new MigrationPlan(Installations.running(running, DIR), request, List.of(checks), Optional.empty(), Path.of("/opt/seatable-backup/run"),
                List.of(), List.of());
    }

    private static MigrationRequest to(Edition target) {
        return MigrationRequest.builder(DIR, target).version(Optional.of(Installations.version(target))).build();
    }

    private static ReportBanner banner(MigrationPlan plan) {
        return ReportBanner.of(plan);
    }

    @Test
    void readyWhenEveryCheckPassesAndSaysWhichWarn() {
        ReportBanner all = banner(plan(Edition.ENTERPRISE, to(Edition.DEVELOPER), CheckResult.pass("engine", "ok"), CheckResult.pass("compose", "ok")));
        assertThat(all).isEqualTo(new ReportBanner(ReportBanner.Verdict.READY, "READY", "All 2 checks pass."));
        ReportBanner warned = banner(plan(Edition.ENTERPRISE, to(Edition.DEVELOPER), CheckResult.pass("engine", "ok"), CheckResult.warn("license", "x"),
                CheckResult.warn("compose-preview", "y")));
        assertThat(warned).isEqualTo(new ReportBanner(ReportBanner.Verdict.READY, "READY",
                "No check fails; 2 warn (license and compose-preview): read them before approving."));
        assertThat(banner(plan(Edition.ENTERPRISE, to(Edition.DEVELOPER), CheckResult.warn("license", "x"))).reason())
                .isEqualTo("No check fails; one warns (license): read it before approving.");
    }

    @Test
    void deferredChecksAreCountedAndSaidToBeTheHosts() {
        MigrationRequest offline = to(Edition.DEVELOPER).toBuilder().offline(true).build();
        ReportBanner b = banner(plan(Edition.ENTERPRISE, offline, CheckResult.deferred("engine", "later", "true"), CheckResult.pass("project", "ok"),
                CheckResult.deferred("current-state", "later", "true"), CheckResult.deferred("disk-space", "later", "true"),
                CheckResult.warn("license", "x")));
        assertThat(b).isEqualTo(new ReportBanner(ReportBanner.Verdict.DEFERRED, "READY WITH 3 CHECKS DEFERRED TO THE HOST",
                "Planned offline from a copy: the audit script checks engine, current-state and disk-space on the host before its first change,"
                        + " and stops there if one fails."));
        ReportBanner one = banner(plan(Edition.DEVELOPER, to(Edition.ENTERPRISE), CheckResult.pass("engine", "ok"),
                new CheckResult("license-users", CheckResult.Status.DEFERRED, "cannot be counted", Optional.empty())));
        assertThat(one).isEqualTo(new ReportBanner(ReportBanner.Verdict.DEFERRED, "READY WITH 1 CHECK DEFERRED TO THE HOST",
                "Ready, but license-users was not observed when planning; each says below what decides it on the host."));
    }

    @Test
    void refusedNamesTheFailedChecksAndWinsOverDeferred() {
        ReportBanner one = banner(plan(Edition.ENTERPRISE, to(Edition.DEVELOPER), CheckResult.fail("disk-space", "full"),
                CheckResult.deferred("engine", "later", "true")));
        assertThat(one).isEqualTo(new ReportBanner(ReportBanner.Verdict.REFUSED, "REFUSED",
                "Nothing would change: the check disk-space fails (see the pre-flight checks)."));
        assertThat(banner(plan(Edition.ENTERPRISE, to(Edition.DEVELOPER), CheckResult.fail("license", "x"), CheckResult.fail("database", "y"),
                CheckResult.fail("backup-root", "z"))).reason())
                .isEqualTo("Nothing would change: the checks license, database and backup-root fail (see the pre-flight checks).");
    }

    @Test
    void nothingToDoWhenTheTargetRunsAlready() {
        MigrationRequest same = MigrationRequest.builder(DIR, Edition.DEVELOPER).build();
        assertThat(banner(plan(Edition.DEVELOPER, same, CheckResult.pass("current-state", "ok")))).isEqualTo(new ReportBanner(
                ReportBanner.Verdict.NOTHING_TO_DO, "NOTHING TO DO", "SeaTable already runs the Developer Edition 5.3.0: nothing would change."));
        // As plan and migrate say it: when the target runs already, a failing check changes nothing of that.
        assertThat(banner(plan(Edition.DEVELOPER, same, CheckResult.fail("disk-space", "full"))).verdict())
                .isEqualTo(ReportBanner.Verdict.NOTHING_TO_DO);
    }
}
