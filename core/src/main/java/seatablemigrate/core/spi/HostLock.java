package seatablemigrate.core.spi;

import java.nio.file.Path;
import java.util.List;
import seatablemigrate.core.MigrateException;

/**
 * A held lock on the host; {@link #close()} releases it and never throws.
 *
 * <p>Every backend locks the same way, so that local and remote runs on one host see each other: a process on the
 * host runs {@link #SHELL_FUNCTION} (the form an audit script runs too), holds {@code flock} on the lock file for as
 * long as the run lasts and prints {@link #ACQUIRED} once it holds it; closing its stdin ends it. If the run dies, the
 * process and the lock go with it. A file beside the lock ({@link #ownerFile}) says who holds it.
 *
 * <p>The lock's folder is the tool's own ({@link Ownership}): created with mode 0700 when missing, refused when it is a
 * symlink, belongs to another user or others may write to it. Only then are the lock and owner files in it opened by
 * their paths: nobody else can put anything there between the checks (no symlink, the tool's, a regular file) and the
 * opening, so the shell's opening by path is as good as {@code O_NOFOLLOW}. A lock is never waited for.
 */
public interface HostLock extends AutoCloseable {
    String ACQUIRED = "seatable-migrate-lock-acquired";
    /** The lock function's status when another run holds the lock. */
    int HELD = 75;
    /** The lock function's status when the lock's folder or files are not the tool's own: nothing was written. */
    int REFUSED = 77;

    /**
     * {@code seatable_migrate_lock FILE OWNER} in POSIX sh (bash, dash, BusyBox): takes the lock FILE on descriptor 9 of
     * the calling shell and writes OWNER to the owner file; returns 0, {@link #HELD} or {@link #REFUSED} (or another
     * status when flock is missing) and then leaves the reason in {@code sm_lock_refusal}. Its variables start with
     * {@code sm_}.
     */
    String SHELL_FUNCTION = String.join("\n",
            "seatable_migrate_lock() {",
            "  sm_f=$1; sm_d=${1%/*}; sm_d=${sm_d:-/}; sm_lock_refusal=",
            "  " + Ownership.shellOwnFolder("sm_d", 0700),
            "  if [ -n \"$sm_why\" ]; then sm_lock_refusal=\"$sm_d $sm_why: refusing it as the lock folder\"; return " + REFUSED + "; fi",
            "  for sm_p in \"$sm_f\" \"$sm_f.owner\"; do",
            "    if [ -e \"$sm_p\" ] || [ -L \"$sm_p\" ]; then",
            "      " + Ownership.shellCheck("sm_p"),
            "      if [ -z \"$sm_why\" ] && [ ! -f \"$sm_p\" ]; then sm_why='is not a regular file'; fi",
            "      if [ -n \"$sm_why\" ]; then sm_lock_refusal=\"$sm_p $sm_why: refusing it as a lock file\"; return " + REFUSED + "; fi",
            "    fi",
            "  done",
            "  (umask 077; : >> \"$sm_f\") || return 1",
            "  exec 9>>\"$sm_f\"",
            "  if ! flock -n 9; then",
            "    sm_h=$(sed -n 1p \"$sm_f.owner\" 2>/dev/null) || sm_h=",
            "    sm_lock_refusal=\"another seatable-migrate run holds $sm_f (${sm_h:-holder unknown})\"; return " + HELD,
            "  fi",
            "  rm -f -- \"$sm_f.owner\"; (umask 077; printf '%s\\n' \"$2\" > \"$sm_f.owner\")",
            "}",
            "");

    /**
     * The command that takes and holds the lock: prints {@link #ACQUIRED}, then waits for the end of its stdin; when it
     * cannot, it prints one line, the lock function's status and its reason, and ends.
     */
    static List<String> holdCommand(Path lockFile, String owner) {
        return List.of("sh", "-c", SHELL_FUNCTION + "seatable_migrate_lock \"$1\" \"$2\"; rc=$?\n"
                + "if [ \"$rc\" -eq 0 ]; then echo " + ACQUIRED + "; exec cat >/dev/null; fi\n"
                + "printf '%s %s\\n' \"$rc\" \"$sm_lock_refusal\"; exit \"$rc\"", "seatable-migrate-lock", lockFile.toString(), owner);
    }

    /**
     * Why the holder of {@link #holdCommand} did not take the lock, from its first line: {@link LockHeldException} when
     * another run holds it, else a {@link MigrateException} with the holder's reason (refused) or a guess (no flock).
     *
     * @param where appended to the messages, e.g. " on admin@db1"
     */
    static MigrateException notTaken(Path lockFile, String firstLine, String where) {
        String line = firstLine == null ? "" : Shell.printable(firstLine);
        if (line.startsWith(HELD + " ")) {
            return new LockHeldException(line.substring(3) + where);
        }
        if (line.startsWith(REFUSED + " ")) {
            return new MigrateException(line.substring(3) + where);
        }
        return new MigrateException("cannot take the lock " + lockFile + where + " (is flock installed?)");
    }

    static Path ownerFile(Path lockFile) {
        return lockFile.resolveSibling(lockFile.getFileName() + ".owner");
    }

    @Override
    void close();
}
