package seatablemigrate.core.workflow;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Runner;

/**
 * A plan that changes nothing by itself: there is nothing to do, or pre-flight refuses it. The one place that decides
 * these outcomes and words them, for a switch and an upgrade, offline or not: {@code plan} shows the {@link #preview},
 * and a run ({@code migrate}, {@code upgrade}) ends with the {@link #result} before its first change.
 *
 * @param outcome {@link Outcome#NOTHING_TO_DO} or {@link Outcome#REFUSED}
 * @param preview what {@code plan} says: what the run would do
 * @param result  how a run of the plan ends: nothing was changed
 */
public record PlannedStop(Outcome outcome, String preview, String result) {
    public PlannedStop {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(preview, "preview is null");
        requireNonNull(result, "result is null");
    }

    /** Nothing to do, or else refused by pre-flight, or empty: the plan has changes to make once confirmed. */
    public static Optional<PlannedStop> of(MigrationPlan plan) {
        return nothingToDo(plan).or(() -> refused(plan));
    }

    /**
     * Nothing to do: SeaTable already runs the release an upgrade would reach (and why that is the target), or the edition
     * a switch asks for. Offline nothing was observed: it is the copy's word.
     */
    public static Optional<PlannedStop> nothingToDo(MigrationPlan plan) {
        if (!plan.nothingToDo()) {
            return Optional.empty();
        }
        MigrationRequest request = plan.request();
        Optional<SeaTableVersion> running = plan.installation().state().version();
        if (request.upgrade()) {
            String fact = "SeaTable already runs the " + request.target().displayName() + " " + running.orElseThrow() + " ("
                    + plan.target().orElseThrow().choice().reason() + ")";
            return Optional.of(new PlannedStop(Outcome.NOTHING_TO_DO, "nothing to do: " + fact + ".", fact + ": nothing to do"));
        }
        String version = running.map(v -> " " + v).orElse("");
        // Offline the script would have nothing to check the copy's word against.
        String fact = (request.offline() ? "the copy says SeaTable runs the " : "SeaTable already runs the ")
                + request.target().displayName() + version;
        return Optional.of(new PlannedStop(Outcome.NOTHING_TO_DO, "nothing to do: " + fact
                + (request.offline() ? " (nothing was observed on the host)" : "."), fact + ": nothing to do"));
    }

    /** Refused by pre-flight: the checks that fail, by name. */
    public static Optional<PlannedStop> refused(MigrationPlan plan) {
        if (!plan.refused()) {
            return Optional.empty();
        }
        List<String> failed = plan.checks().stream().filter(CheckResult::failed).map(CheckResult::name).toList();
        String command = plan.request().upgrade() ? "upgrade" : "migrate";
        return Optional.of(new PlannedStop(Outcome.REFUSED, "'" + command + "' would change nothing until these checks pass: "
                + String.join(", ", failed), "refused by pre-flight (" + String.join(", ", failed) + "): nothing was changed"));
    }

    /** How a run of the plan ends. */
    public Runner.Result runResult() {
        return new Runner.Result(outcome, result);
    }
}
