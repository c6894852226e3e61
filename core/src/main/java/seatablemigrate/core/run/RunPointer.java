package seatablemigrate.core.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.Shell;

/**
 * The host's record of a compose project's last run: a file under {@code /var/lib/seatable-migrate} that names the
 * run's folder, written before the first change. With it an unresolved run is found whatever {@code --backup-dir}
 * the next run names. The run's own journal decides whether it is resolved; the pointer is only where to look.
 */
public final class RunPointer {
    static final Path DIR = Path.of("/var/lib/seatable-migrate");

    private RunPointer() {}

    /** A short key for a compose directory, shared by the lock and the pointer. */
    public static String key(Path composeDir) {
        return Sha256.of(composeDir.toString().getBytes(StandardCharsets.UTF_8)).shortHex();
    }

    static Path file(Path composeDir) {
        return DIR.resolve("last-run-" + key(composeDir));
    }

    /** The changes that record {@code runDir} as the project's last run. */
    public static List<Change> write(Path composeDir, Path runDir) {
        return List.of(new FileChange.MakeDirectory(DIR, 0700),
                new FileChange.WriteFile(file(composeDir), (runDir + "\n").getBytes(StandardCharsets.UTF_8), 0600));
    }

    /** The recorded run folder: one absolute path without control characters, else nothing (the file is the host's). */
    public static Optional<Path> read(HostBackend host, Path composeDir) {
        return host.readFile(file(composeDir)).map(b -> new String(b, StandardCharsets.UTF_8))
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

    static final Path LOCK_DIR = Path.of("/run/lock");

    /** The lock file of a compose project on its host: live runs, recoveries and audit scripts all take it. */
    public static Path lockFile(Path composeDir) {
        return LOCK_DIR.resolve("seatable-migrate-" + RunPointer.key(composeDir) + ".lock");
    }
}
