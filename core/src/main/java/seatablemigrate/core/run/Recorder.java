package seatablemigrate.core.run;

import java.util.ArrayList;
import java.util.List;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.plan.Verification;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.spi.Change;

/**
 * What a dry-run records instead of doing: step boundaries, changes and verifications, in the order the live
 * runner produced them. The recording backend records the changes, the runner (given {@link RunMode#recording}) the
 * step boundaries and verifications. The audit script is rendered from this list. Safe for concurrent use.
 */
public final class Recorder {
    /** One recorded entry. */
    public sealed interface Entry {}

    public record StepStarted(Step step) implements Entry {}

    public record Applied(Change change) implements Entry {}

    public record Verified(Verification verification) implements Entry {}

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void stepStarted(Step step) {
        entries.add(new StepStarted(step));
    }

    public synchronized void applied(Change change) {
        entries.add(new Applied(change));
    }

    public synchronized void verified(Verification verification) {
        entries.add(new Verified(verification));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
