package seatablemigrate.core.run;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import seatablemigrate.core.run.Recorder;

/**
 * Whether a run changes the host or records what it would change. Passed to the workflow and the runner explicitly;
 * the backend of a dry-run records into the same {@link Recorder} (assembled, one recorder per injector, by core's
 * {@code CoreModule} and the dry-run backend's module).
 * In a dry-run the runner records verifications instead of waiting for them, no lock is taken and no run log written.
 */
public final class RunMode {
    public static final RunMode LIVE = new RunMode(Optional.empty());

    private final Optional<Recorder> recorder;

    private RunMode(Optional<Recorder> recorder) {
        this.recorder = recorder;
    }

    /** A dry-run that records into {@code recorder}. */
    public static RunMode recording(Recorder recorder) {
        return new RunMode(Optional.of(requireNonNull(recorder, "recorder is null")));
    }

    public boolean dryRun() {
        return recorder.isPresent();
    }

    /** Where a dry-run records; empty for a live run. */
    public Optional<Recorder> recorder() {
        return recorder;
    }

    @Override
    public String toString() {
        return dryRun() ? "dry-run" : "live";
    }
}
