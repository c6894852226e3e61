package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.UsageException;

/** One spelling of a wait: whole hours, else whole minutes, else seconds; the same in messages and step titles. */
class WaitTimeTest {
    @Test
    void wholeHoursElseWholeMinutesElseSeconds() {
        assertThat(new WaitTime(Duration.ofSeconds(90))).hasToString("90 s");
        assertThat(new WaitTime(Duration.ofSeconds(150))).as("not cut to 2 min").hasToString("150 s");
        assertThat(new WaitTime(Duration.ofSeconds(60))).hasToString("1 min");
        assertThat(new WaitTime(Duration.ofMinutes(90))).hasToString("90 min");
        assertThat(new WaitTime(Duration.ofHours(24))).hasToString("24 h");
        assertThat(new WaitTime(Duration.ZERO)).hasToString("0 s");
        assertThat(new WaitTime(Duration.ofHours(-1))).hasToString("-1 h");
    }

    @Test
    void theHealthTimeoutsRefusalsSpellTheWaitTheSameWay() {
        assertThatThrownBy(() -> MigrationRequest.checkHealthTimeout(Duration.ofHours(25), "--health-timeout")).isInstanceOf(UsageException.class)
                .hasMessage("--health-timeout 25 h is longer than the maximum of 24 h");
        assertThatThrownBy(() -> MigrationRequest.checkHealthTimeout(Duration.ofSeconds(-5), "--health-timeout")).isInstanceOf(UsageException.class)
                .hasMessage("--health-timeout -5 s is not a wait: give a positive duration of at most 24 h");
    }
}
