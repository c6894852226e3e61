package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.plan.StepId;
import seatablemigrate.core.run.Outcome;

/** A fleet host's log: each event a timed line in the words FleetIT and people read (the step, its end, the result). */
class HostLogTest {
    @Test
    void eachEventIsOneTimedLineAndOnlyCompletedProgressIsKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("h1.log");
        Step verify = new Step(StepId.VERIFY, "wait until the Developer Edition 5.3.0 is healthy", List.of(), Optional.empty());
        try (HostLog log = new HostLog(file)) {
            log.line("# seatable-migrate migrate --host ssh://h1 --to=developer");
            log.check(CheckResult.warn("license", "stays in place"));
            log.stepStarted(verify);
            log.progress("waiting for health", 3, 10, "s", "");
            log.progress("waiting for health", 10, 10, "s", "");
            log.stepFinished(verify, Duration.ofMillis(12_500));
            log.warn("mariadb restarted");
            log.script(dir.resolve("h1.sh"));
            log.result(Outcome.ROLLED_BACK, "the start failed; rolled back");
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("# seatable-migrate migrate --host ssh://h1 --to=developer");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z .*"))
                .extracting(l -> l.substring(l.indexOf(' ') + 1)).containsExactly(
                        "[warn] license: stays in place",
                        "step verify: wait until the Developer Edition 5.3.0 is healthy",
                        "waiting for health: 10 s done",
                        "step verify finished (12.5 s)",
                        "warning: mariadb restarted",
                        "audit script: " + dir.resolve("h1.sh"),
                        "result: rolled-back (exit 4): the start failed; rolled back");
    }
}
