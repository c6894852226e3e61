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

/**
 * Where the workflow tells what it does, and a command what it observed and how it ended. Implementations render for a
 * terminal, a pipe or JSON, or keep what a fleet needs of a host's run; messages given here never contain secrets. Every
 * method does nothing by default, so a reporter names only what it shows. The events are Java values: a fleet hands one
 * host's events to its live view, the host's log and its JSON stream at once ({@link #all}), never through text.
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

    /**
     * The installation a command observed ({@code status}, {@code plan}).
     *
     * @param readFrom offline, what was read and for whom ({@code copy ./c, planned for db1:/opt/seatable-compose}); empty
     *                 when the host itself was observed
     */
    default void installation(Installation installation, Optional<String> readFrom) {}

    /** A dry-run wrote its audit (or rollback) script to {@code file}. */
    default void script(Path file) {}

    /** How the command ended: its last event, once per command, also when it failed before reaching a host. */
    default void result(Outcome outcome, String message) {}

    /** One reporter that hands every event to each of {@code reporters}, in the order given. */
    static Reporter all(Reporter... reporters) {
        return new AllReporters(List.of(reporters));
    }
}
