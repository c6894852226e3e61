package seatablemigrate.core.inspect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;

/**
 * Whether a directory is a compose directory at all: it exists, holds a {@code .env}, and that names a compose file that
 * exists. A directory that is none is a wrong option value (exit 2), said once, not a list of failed checks; what is
 * wrong inside a real compose directory stays the inspection's to report.
 */
public final class ComposeDirectory {
    /** The option that names an offline plan's copy. */
    public static final String FROM = "--from";

    private ComposeDirectory() {}

    /**
     * Throws {@link UsageException} when {@code dir} on {@code host} is not a compose directory.
     *
     * @param namedBy how the user named it, for the message: {@code --compose-dir, default /opt/seatable-compose}
     */
    public static void require(HostBackend host, Path dir, String namedBy) {
        check(host, dir, "compose directory " + dir, true, namedBy, false);
    }

    /**
     * Throws {@link UsageException} when {@code dir}, a copy of a compose directory on the machine the tool runs on, is
     * not one. The copy is all an offline plan has, so a {@code .env} that does not parse is refused here too, in one
     * message naming the line: every check after it would only fail for the same cause.
     *
     * @param namedBy how the user named it: {@link #FROM}, or the compose directory's option when it is read as its own copy
     */
    public static void requireCopy(HostBackend host, Path dir, String namedBy) {
        boolean from = namedBy.equals(FROM);
        check(host, dir, from ? "the copy " + dir : "compose directory " + dir, !from, namedBy, true);
    }

    private static void check(HostBackend host, Path dir, String what, boolean namesHost, String namedBy, boolean copy) {
        String which = "(" + namedBy + ")";
        Optional<FileStat> stat = host.stat(dir);
        // Asked after the host answered: before it, a remote host's description is the target as typed (ssh://...).
        String where = namesHost ? " on " + host.describe() : "";
        if (stat.isEmpty()) {
            throw new UsageException(what + " does not exist" + where + " " + which);
        }
        if (!stat.get().isDirectory()) {
            throw new UsageException(what + " is " + (stat.get().isRegular() ? "a file" : "not a file") + ", not a directory" + where + " " + which
                    + ": name the folder that holds .env and the compose files");
        }
        Optional<byte[]> bytes = host.readFile(dir.resolve(Installation.ENV_FILE));
        if (bytes.isEmpty()) {
            throw new UsageException("no .env in " + dir + ": is this SeaTable's compose directory? " + which);
        }
        List<String> problems = new ArrayList<>();
        Optional<EnvFile> env = ComposeProjectFiles.env(dir.resolve(Installation.ENV_FILE), bytes, problems);
        if (env.isEmpty() && copy) {
            throw new UsageException("nothing can be planned from " + what + " " + which + ": " + problems.get(0) + "; correct .env on the host"
                    + " and copy it again");
        }
        if (env.isEmpty()) {
            return; // on the host, a .env that does not parse is the inspection's to report, with the line
        }
        List<Path> files = ComposeProjectFiles.composeFiles(dir, env, problems);
        if (files.isEmpty()) {
            throw new UsageException("no compose file in " + dir + ": its .env names none (COMPOSE_FILE); is this SeaTable's compose directory? "
                    + which);
        }
        if (files.stream().noneMatch(f -> host.stat(f).filter(FileStat::isRegular).isPresent())) {
            throw new UsageException("no compose file in " + dir + ": its .env names " + String.join(", ", files.stream()
                    .map(f -> dir.relativize(f).toString()).toList()) + ", and none exists; is this SeaTable's compose directory? " + which);
        }
    }
}
