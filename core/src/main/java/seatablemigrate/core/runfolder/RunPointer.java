package seatablemigrate.core.runfolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.Ownership;
import seatablemigrate.core.spi.Shell;

/**
 * The host's record of a compose project's last run: a file under {@code /var/lib/seatable-migrate} that names the
 * run's folder, written before the first change. With it an unresolved run is found whatever {@code --backup-dir}
 * the next run names. The run's own journal decides whether it is resolved; the pointer is only where to look.
 *
 * <p>State and locks live in folders of the tool's own ({@link Ownership}: the user it runs as, mode 0700, writable by
 * nobody else): {@link #DIR} and {@link #LOCK_DIR} (not the world-writable {@code /run/lock}, where another user could
 * plant a symlink or hold the lock). A pointer in a folder that is not the tool's own is not read, and none is written
 * there.
 */
public final class RunPointer {
    public static final Path DIR = Path.of("/var/lib/seatable-migrate");
    public static final Path LOCK_DIR = Path.of("/run/seatable-migrate");

    private RunPointer() {}

    /** A short key for a compose directory, shared by the lock and the pointer. */
    public static String key(Path composeDir) {
        return Sha256.of(composeDir.toString().getBytes(StandardCharsets.UTF_8)).shortHex();
    }

    static Path file(Path stateDir, Path composeDir) {
        return stateDir.resolve("last-run-" + key(composeDir));
    }

    /** The changes that record {@code runDir} as the project's last run. */
    public static List<Change> write(Path composeDir, Path runDir) {
        return write(DIR, composeDir, runDir);
    }

    /**
     * In {@code stateDir}: the folder must be the tool's own, and the pointer is removed before it is written, so that a
     * symlink of its name (which only the tool's own user could have put there) is replaced, never followed.
     */
    static List<Change> write(Path stateDir, Path composeDir, Path runDir) {
        Path file = file(stateDir, composeDir);
        return List.of(FileChange.MakeDirectory.own(stateDir, 0700), new FileChange.RemoveFile(file),
                new FileChange.WriteFile(file, (runDir + "\n").getBytes(StandardCharsets.UTF_8), 0600));
    }

    /** The recorded run folder: one absolute path without control characters, else nothing (the file is the host's). */
    public static Optional<Path> read(HostBackend host, Path composeDir) {
        return read(host, DIR, composeDir);
    }

    static Optional<Path> read(HostBackend host, Path stateDir, Path composeDir) {
        Path file = file(stateDir, composeDir);
        boolean ours = Stream.of(stateDir, file)
                .allMatch(p -> host.lstat(p).filter(s -> Ownership.problem(s, host.userId()).isEmpty()).isPresent());
        if (!ours || host.lstat(file).filter(FileStat::isRegular).isEmpty()) {
            return Optional.empty();
        }
        return host.readFile(file).map(b -> new String(b, StandardCharsets.UTF_8))
                .filter(s -> s.endsWith("\n") && s.indexOf('\n') == s.length() - 1)
                .map(s -> s.substring(0, s.length() - 1))
                .filter(s -> s.startsWith("/") && s.chars().noneMatch(Character::isISOControl))
                .map(Path::of).map(Path::normalize);
    }

    /** The command that recovers the run in {@code runDir}, for messages. */
    public static String rollbackCommand(HostBackend host, Path composeDir, Path runDir) {
        String where = host.describe().startsWith("the local host") ? "" : " --host " + Shell.quote(host.describe());
        return "seatable-migrate" + where + " rollback --compose-dir " + Shell.quote(composeDir.toString()) + " --backup-dir "
                + Shell.quote(runDir.getParent().toString()) + " --backup " + Shell.quote(runDir.getFileName().toString()) + " --yes";
    }

    /** The lock file of a compose project on its host: live runs, recoveries and audit scripts all take it. */
    public static Path lockFile(Path composeDir) {
        return LOCK_DIR.resolve("seatable-migrate-" + RunPointer.key(composeDir) + ".lock");
    }
}
