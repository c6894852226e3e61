package seatablemigrate.core.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.spi.Change;

/** {@link Reporter#all}: every event to each reporter, in order. */
final class AllReporters implements Reporter {
    private final List<Reporter> reporters;

    AllReporters(List<Reporter> reporters) {
        this.reporters = List.copyOf(reporters);
    }

    @Override
    public void check(CheckResult result) {
        reporters.forEach(r -> r.check(result));
    }

    @Override
    public void stepStarted(Step step) {
        reporters.forEach(r -> r.stepStarted(step));
    }

    @Override
    public void stepFinished(Step step, Duration took) {
        reporters.forEach(r -> r.stepFinished(step, took));
    }

    @Override
    public void stepFailed(Step step, String reason) {
        reporters.forEach(r -> r.stepFailed(step, reason));
    }

    @Override
    public void planned(MigrationPlan plan) {
        reporters.forEach(r -> r.planned(plan));
    }

    @Override
    public void change(Change change) {
        reporters.forEach(r -> r.change(change));
    }

    @Override
    public void progress(String what, long done, long total, String unit, String note) {
        reporters.forEach(r -> r.progress(what, done, total, unit, note));
    }

    @Override
    public void info(String message) {
        reporters.forEach(r -> r.info(message));
    }

    @Override
    public void warn(String message) {
        reporters.forEach(r -> r.warn(message));
    }

    @Override
    public void installation(Installation installation, Optional<String> readFrom) {
        reporters.forEach(r -> r.installation(installation, readFrom));
    }

    @Override
    public void script(Path file) {
        reporters.forEach(r -> r.script(file));
    }

    @Override
    public void result(Outcome outcome, String message) {
        reporters.forEach(r -> r.result(outcome, message));
    }
}
