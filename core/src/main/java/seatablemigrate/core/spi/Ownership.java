package seatablemigrate.core.spi;

import java.util.Optional;

/**
 * What the tool trusts on a host as its own: a path that is no symlink, belongs to the user the tool runs as there
 * ({@link HostFiles#userId()}) and that neither its group nor other users may write to. Locks, the state folder and
 * backups count only then: another local user could otherwise plant a symlink that the tool, as root, writes through,
 * or a backup that it restores. Both forms of the rule live here: {@link #problem} judges a {@link FileStat} taken
 * without following links, {@link #shellCheck} is the same test in POSIX sh for the lock and for changes' shell forms,
 * with the same words.
 */
public final class Ownership {
    private Ownership() {}

    /** Why the path described by {@code stat} is not the tool's own, e.g. "is a symlink"; empty when it is. */
    public static Optional<String> problem(FileStat stat, int uid) {
        if (stat.isSymlink()) {
            return Optional.of("is a symlink");
        }
        if (stat.uid() != uid) {
            return Optional.of("belongs to uid " + stat.uid() + ", not to uid " + uid + " (the user seatable-migrate runs as)");
        }
        if ((stat.mode() & 02) != 0) {
            return Optional.of("is writable by every user (mode " + Integer.toOctalString(stat.mode()) + ")");
        }
        if ((stat.mode() & 020) != 0) {
            return Optional.of("is writable by its group (mode " + Integer.toOctalString(stat.mode()) + ")");
        }
        return Optional.empty();
    }

    /**
     * The shell form of {@link #problem}: sets {@code sm_why} to why the path in the shell variable {@code pathVar} is
     * not ours (empty when it is; "does not exist" when nothing is there). Uses {@code id -u} and {@code stat -c}
     * without {@code -L}, which GNU and BusyBox both have; its own variables start with {@code sm_}.
     */
    static String shellCheck(String pathVar) {
        String p = "\"$" + pathVar + "\"";
        return "sm_me=$(id -u); sm_why=; if [ -L " + p + " ]; then sm_why='is a symlink'; elif [ ! -e " + p + " ]; then sm_why='does not exist';"
                + " else sm_s=$(stat -c '%u %a' -- " + p + "); sm_o=${sm_s% *}; sm_m=${sm_s#* };"
                + " if [ \"$sm_o\" != \"$sm_me\" ]; then sm_why=\"belongs to uid $sm_o, not to uid $sm_me (the user seatable-migrate runs as)\";"
                + " elif [ $(( 0$sm_m & 02 )) -ne 0 ]; then sm_why=\"is writable by every user (mode $sm_m)\";"
                + " elif [ $(( 0$sm_m & 020 )) -ne 0 ]; then sm_why=\"is writable by its group (mode $sm_m)\"; fi; fi;";
    }

    /**
     * The tool's own folder in the shell variable {@code pathVar}: created with {@code mode} when nothing is there (its
     * parent must exist), then judged as {@link #shellCheck} does, and not a folder is a reason too. Sets
     * {@code sm_why}; the Java form is the local backend's {@link FileChange.MakeDirectory.Kind#OWN}.
     */
    static String shellOwnFolder(String pathVar, int mode) {
        String p = "\"$" + pathVar + "\"";
        return "if [ ! -e " + p + " ] && [ ! -L " + p + " ]; then mkdir -m " + Integer.toOctalString(mode) + " -- " + p + " 2>/dev/null || :; fi; "
                + shellCheck(pathVar) + " if [ -z \"$sm_why\" ] && [ ! -d " + p + " ]; then sm_why='is not a folder'; fi;";
    }

    /**
     * A shell command that prints every path in the tree at {@code dir} (itself included, links not followed) that is
     * not the tool's own: a symlink, another user's, or writable by group or others; nothing when all is ours. The Java
     * twin walks the tree with {@link #problem}.
     */
    public static String shellTreeCheck(String dir) {
        return "find " + dir + " \\( -type l -o ! -user \"$(id -u)\" -o -perm -020 -o -perm -002 \\) -print";
    }
}
