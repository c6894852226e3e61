package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import seatablemigrate.core.spi.Change;

/**
 * One step of a plan: changes applied in order, then an optional verification.
 *
 * @param kind         which step: its name in journals and events, and whether it changes the running installation
 * @param title        what the step does, for people
 * @param changes      the changes, in order
 * @param verification what must hold afterwards
 */
public record Step(StepId kind, String title, List<Change> changes, Optional<Verification> verification) {
    public Step {
        requireNonNull(kind, "kind is null");
        requireNonNull(title, "title is null");
        changes = List.copyOf(changes);
        requireNonNull(verification, "verification is null");
    }

    /** The step's name in journals, logs and events ({@code switch-image}). */
    public String id() {
        return kind.id();
    }

    /** Whether the step changes the running installation: from here on a failure needs the rollback. */
    public boolean changesStack() {
        return kind.touchesStack();
    }
}
