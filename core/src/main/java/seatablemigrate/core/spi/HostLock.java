package seatablemigrate.core.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * A held lock on the host; {@link #close()} releases it and never throws.
 *
 * <p>Every backend locks the same way, so that local and remote runs on one host see each other: a process on the
 * host holds {@code flock(1)} on the lock file for as long as the run lasts and prints {@link #ACQUIRED} once it
 * holds it; closing its stdin ends it. If the run dies, the process and the lock go with it. A file beside the
 * lock ({@link #ownerFile}) says who holds it.
 */
public interface HostLock extends AutoCloseable {
    String ACQUIRED = "seatable-migrate-lock-acquired";
    /** flock's exit code when the lock is held by another run. */
    int HELD = 75;

    /** The command that takes and holds the lock: prints {@link #ACQUIRED}, then waits for the end of its stdin. */
    static List<String> holdCommand(Path lockFile) {
        return List.of("flock", "-n", "-E", Integer.toString(HELD), lockFile.toString(), "sh", "-c", "echo " + ACQUIRED + "; exec cat >/dev/null");
    }

    static Path ownerFile(Path lockFile) {
        return lockFile.resolveSibling(lockFile.getFileName() + ".owner");
    }

    @Override
    void close();
}
