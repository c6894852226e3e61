package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Edition;

/** An upgrade's request: an upgrade with the longer health wait, whose edition the inspection sets. */
class UpgradeRequestTest {
    @Test
    void anUpgradeWaitsLongerAndTakesTheEditionThatRuns() {
        MigrationRequest upgrade = MigrationRequest.upgradeBuilder(Path.of("/opt/seatable-compose")).build();

        assertThat(upgrade.upgrade()).isTrue();
        assertThat(upgrade.healthTimeout()).isEqualTo(MigrationRequest.DEFAULT_UPGRADE_HEALTH_TIMEOUT);
        assertThat(upgrade.forEdition(Edition.DEVELOPER).target()).isEqualTo(Edition.DEVELOPER);
        assertThat(upgrade.forEdition(Edition.ENTERPRISE).target()).isEqualTo(Edition.ENTERPRISE);
    }
}
