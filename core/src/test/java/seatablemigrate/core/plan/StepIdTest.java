package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.run.Journal;

/** Step names round-trip, and an interrupted run needs recovery exactly when a begun step touched the installation. */
class StepIdTest {
    private static Journal.Unfinished begun(String... steps) {
        return new Journal.Unfinished(Path.of("/b/run"), Path.of("/opt/seatable-compose"), List.of(), List.of(steps), List.of(), false);
    }

    @Test
    void namesRoundTrip() {
        for (StepId s : StepId.values()) {
            assertThat(StepId.parse(s.id())).contains(s);
        }
        assertThat(StepId.parse("switch")).isEmpty();
    }

    @Test
    void onlyStepsThatTouchTheInstallationMakeARunNeedRecovery() {
        assertThat(begun("prepare", "pull", "backup").stackTouched()).isFalse();
        assertThat(begun("prepare", "backup", "switch-image").stackTouched()).isTrue();
        assertThat(begun("stop-seatable").stackTouched()).as("returning to a backup with its database stops SeaTable").isTrue();
        assertThat(begun("prepare", "a-step-of-another-version").stackTouched()).as("unknown counts as touched").isTrue();
    }
}
