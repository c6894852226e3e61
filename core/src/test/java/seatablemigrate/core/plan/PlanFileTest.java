package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/** A reviewed plan is carried out only as reviewed: same run folder, same fingerprints, same steps. */
class PlanFileTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");

    private static MigrationPlan plan(FakeHost host, MigrationRequest req, String at) {
        return new Planner(host, Clock.fixed(Instant.parse(at), ZoneOffset.UTC)).plan(Installations.running(Edition.ENTERPRISE, DIR), req);
    }

    @Test
    void aSavedPlanMatchesTheSameHostLaterAndNamesEveryDrift() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        var req = MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.of("5.3.0")).backupRoot(Path.of("/opt/seatable-backup"))
                .healthTimeout(Duration.ofMinutes(5)).build();
        MigrationPlan reviewed = plan(host, req, "2026-11-30T10:00:00Z");
        PlanFile file = PlanFile.parse(PlanFile.of(reviewed, host, "test").bytes(), Path.of("plan.json"));

        MigrationRequest again = file.request();
        assertThat(again.target()).isEqualTo(Edition.DEVELOPER);
        assertThat(again.version()).contains("5.3.0");
        MigrationPlan later = plan(host, again, "2026-11-30T11:30:00Z");
        assertThat(later.runDir()).as("one run identity").isEqualTo(reviewed.runDir());
        assertThat(file.drift(later, host)).isEmpty();

        host.file(DIR.resolve(Installation.ENV_FILE), Installations.env(Edition.ENTERPRISE) + "TIME_ZONE='UTC'\n");
        assertThat(file.drift(plan(host, again, "2026-11-30T11:31:00Z"), host)).singleElement()
                .satisfies(d -> assertThat(d).startsWith(".env sha256 is now "));

        host.file(DIR.resolve(Installation.ENV_FILE), Installations.env(Edition.ENTERPRISE)).file(later.runDir().resolve("journal.log"), "x\n");
        assertThat(file.drift(plan(host, again, "2026-11-30T11:32:00Z"), host))
                .containsExactly("its run folder " + reviewed.runDir() + " exists: this plan was carried out already");
    }
}
