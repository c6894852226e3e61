package seatablemigrate.core.backup;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.run.Journal;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.ProgressListener;

/**
 * Which backups of a compose directory {@code backups prune} removes, and removing them: all but the newest
 * {@code keep}, optionally only those older than a duration. A backup of an unresolved run (cut off, or needing
 * attention) is never removed: it is the way back. Only folders the catalog recognises (a manifest of this tool)
 * are candidates, so nothing else under the backup root is ever touched.
 */
public final class BackupPruning {
    /** Where the start-of-run warning sends the user: prune's options decide which backups go, so its help comes first. */
    public static final String PRUNE_HINT = "seatable-migrate backups prune --help";
    /** More than this many backups of one project, or more than this share of the free space, earns a warning at start. */
    static final int MANY = 10;

    private final HostBackend host;

    public BackupPruning(HostBackend host) {
        this.host = requireNonNull(host, "host is null");
    }

    /** The backups to remove, oldest last; {@code olderThan} empty means any age. */
    public List<BackupCatalog.Backup> candidates(Path root, Path composeDir, int keep, Optional<Duration> olderThan, Instant now) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must not be negative");
        }
        List<BackupCatalog.Backup> mine = backupsOf(root, composeDir);
        List<BackupCatalog.Backup> out = new ArrayList<>();
        for (int i = keep; i < mine.size(); i++) {
            BackupCatalog.Backup b = mine.get(i);
            boolean unresolved = Journal.unfinished(host, b.dir(), composeDir).isPresent();
            boolean oldEnough = olderThan.map(d -> created(b).map(c -> c.isBefore(now.minus(d))).orElse(false)).orElse(true);
            if (!unresolved && oldEnough) {
                out.add(b);
            }
        }
        return List.copyOf(out);
    }

    /** Removes them, one change each; returns the bytes freed. */
    public long remove(List<BackupCatalog.Backup> backups, Reporter reporter) {
        long freed = 0;
        for (BackupCatalog.Backup b : backups) {
            Change c = new FileChange.RemoveDirectory(b.dir());
            reporter.change(c);
            host.apply(c, Duration.ofMinutes(5), ProgressListener.NONE);
            freed += b.sizeBytes();
        }
        return freed;
    }

    /** A warning for the start of a run when old backups pile up, naming the command that clears them. */
    public Optional<String> pileUpWarning(Path root, Path composeDir) {
        List<BackupCatalog.Backup> mine = backupsOf(root, composeDir);
        long bytes = mine.stream().mapToLong(BackupCatalog.Backup::sizeBytes).sum();
        long free = host.usableSpace(root);
        if (mine.size() > MANY || (free > 0 && bytes > free)) {
            return Optional.of(root + " holds " + mine.size() + " backups of " + composeDir + " (" + Bytes.human(bytes) + ", "
                    + Bytes.human(free) + " free); how to remove old ones: " + PRUNE_HINT);
        }
        return Optional.empty();
    }

    /** The project's backups, newest first, without the checksum pass (it reads every byte of every dump). */
    private List<BackupCatalog.Backup> backupsOf(Path root, Path composeDir) {
        return new BackupCatalog(host).list(root, false).stream().filter(b -> b.composeDir().equals(composeDir)).toList();
    }

    private static Optional<Instant> created(BackupCatalog.Backup b) {
        try {
            return Optional.of(Instant.parse(b.created()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
