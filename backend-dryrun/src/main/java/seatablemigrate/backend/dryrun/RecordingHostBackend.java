package seatablemigrate.backend.dryrun;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.ForwardingHostBackend;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.ProgressListener;

/**
 * Reads through to the wrapped backend; records changes instead of applying them. Declared differences from a
 * live backend (and its contract test): {@link #apply} never fails and changes nothing; {@link #lock} takes no lock
 * (a dry-run writes nothing, so it needs none). {@link #download} is a read of the host and passes through.
 */
public final class RecordingHostBackend extends ForwardingHostBackend {
    private final Recorder recorder;

    /** Reads through {@code delegate}; records every change into {@code recorder}. */
    public RecordingHostBackend(HostBackend delegate, Recorder recorder) {
        super(delegate);
        this.recorder = requireNonNull(recorder, "recorder is null");
    }

    @Override
    public HostLock lock(Path lockFile, String owner) {
        return () -> { };
    }

    @Override
    public void apply(Change change, Duration timeout, ProgressListener progress) {
        recorder.applied(change);
    }
}
