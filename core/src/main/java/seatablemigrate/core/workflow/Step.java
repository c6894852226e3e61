package seatablemigrate.core.workflow;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import seatablemigrate.core.spi.Change;

/**
 * One step of a plan: changes applied in order, then an optional verification.
 *
 * @param id           stable identifier used in the journal ({@code backup}, {@code stop}, ...)
 * @param title        what the step does, for people
 * @param changes      the changes, in order
 * @param verification what must hold afterwards
 * @param changesStack whether the step changes the running installation (from here on a failure needs rollback)
 */
public record Step(String id, String title, List<Change> changes, Optional<Verification> verification,
                   boolean changesStack) {
    public Step {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        changes = List.copyOf(changes);
        requireNonNull(verification, "verification is null");
    }
}
