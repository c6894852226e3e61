package seatablemigrate.core.run;

import java.time.Duration;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.spi.Change;

/**
 * Where the workflow tells what it does. Implementations render for a terminal, a pipe or JSON; messages given
 * here never contain secrets.
 */
public interface Reporter {
    /** Tells nobody: for tests and for work whose report is its result. */
    Reporter NONE = new Reporter() {
        @Override
        public void check(CheckResult result) {}

        @Override
        public void stepStarted(Step step) {}

        @Override
        public void stepFinished(Step step, Duration took) {}

        @Override
        public void stepFailed(Step step, String reason) {}

        @Override
        public void progress(String what, long done, long total, String unit, String note) {}

        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}
    };

    void check(CheckResult result);

    void stepStarted(Step step);

    void stepFinished(Step step, Duration took);

    void stepFailed(Step step, String reason);

    /**
     * The plan a migration follows, or stops at (nothing to do, refused): once per run, before its checks are reported.
     * Streams for machines show it whatever comes next; people see the steps before they are asked.
     */
    default void planned(MigrationPlan plan) {}

    /** A change is about to be applied (shown with -v and in the JSON stream). */
    default void change(Change change) {}

    /** Progress of a long wait or transfer; {@code total} is -1 when unknown. */
    void progress(String what, long done, long total, String unit, String note);

    void info(String message);

    void warn(String message);
}
