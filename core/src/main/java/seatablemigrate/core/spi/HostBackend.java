package seatablemigrate.core.spi;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One host that runs a SeaTable installation, as the workflow sees it: its files ({@link HostFiles}), its Docker engine
 * and Compose ({@link HostEngine}), and the only two ways the tool acts on it: {@link #apply} one {@link Change}, and
 * {@link #lock} the installation for one run. Backends differ only in transport (local, SSH, recording); what is about
 * SeaTable lives in core.
 *
 * <p>Contract for all methods: paths are absolute paths on the host. A host, engine or connection that cannot be
 * used throws {@link seatablemigrate.core.HostUnavailableException}. Every call is bounded in time (see each group).
 * Queries never change the host and may run at any time, also during a dry-run; every method is safe to call from
 * several threads. Changes happen only through {@link #apply}. Opening a backend connects nowhere: the first call does.
 */
public interface HostBackend extends HostFiles, HostEngine, AutoCloseable {
    /** How this host is named in messages, e.g. {@code local host} or {@code admin@db1:22}. */
    String describe();

    /**
     * Which machine this is ({@link HostIdentity}): locally {@code local} and the machine id, over SSH the target as
     * connected and the host key verified against known_hosts. A query (over SSH it connects, as any first call does);
     * the same answer for the life of the backend. Throws {@link seatablemigrate.core.HostUnavailableException} when the
     * machine cannot be told apart from others (no machine id).
     */
    HostIdentity identity();

    /**
     * Takes the lock file {@code lockFile} for one run. The lock is released by {@link HostLock#close()} and, where the
     * transport allows, when the process dies. Throws {@link LockHeldException} naming the holder when another
     * live run holds it.
     */
    HostLock lock(Path lockFile, String owner);

    /**
     * Performs one change exactly as {@link Change#shell()} describes it. Throws
     * {@link seatablemigrate.core.ChangeFailedException} when it failed (the host may then be partly changed:
     * file writes are atomic, commands are not) and {@link seatablemigrate.core.MigrateException} on timeout.
     */
    void apply(Change change, Duration timeout, ProgressListener progress);

    /** Releases connections; never throws. */
    @Override
    void close();
}
