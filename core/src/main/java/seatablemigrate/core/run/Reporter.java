package seatablemigrate.core.run;

import java.time.Duration;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.spi.Change;

/**
 * Where the workflow tells what it does. Implementations render for a terminal, a pipe or JSON; messages given
 * here never contain secrets. Every method does nothing by default, so a reporter names only what it shows.
 */
public interface Reporter {
    /** Tells nobody: for tests and for work whose report is its result. */
    Reporter NONE = new Reporter() {};

    /** A pre-flight check's result. */
    default void check(CheckResult result) {}

    default void stepStarted(Step step) {}

    default void stepFinished(Step step, Duration took) {}

    default void stepFailed(Step step, String reason) {}

    /**
     * The plan a migration follows, or stops at (nothing to do, refused): once per run, before its checks are reported.
     * Streams for machines show it whatever comes next; people see the steps before they are asked.
     */
    default void planned(MigrationPlan plan) {}

    /** A change is about to be applied (shown with -v and in the JSON stream). */
    default void change(Change change) {}

    /** Progress of a long wait or transfer; {@code total} is -1 when unknown. */
    default void progress(String what, long done, long total, String unit, String note) {}

    default void info(String message) {}

    default void warn(String message) {}
}
