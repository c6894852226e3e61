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
    private ComposeDirectory() {}

    /**
     * Throws {@link UsageException} when {@code dir} on {@code host} is not a compose directory.
     *
     * @param namedBy how the user named it, for the message: {@code --compose-dir, default /opt/seatable-compose}, or
     *                {@code --from} for an offline copy
     */
    public static void require(HostBackend host, Path dir, String namedBy) {
        String which = "(" + namedBy + ")";
        if (host.stat(dir).filter(FileStat::isDirectory).isEmpty()) {
            throw new UsageException("compose directory " + dir + " does not exist on " + host.describe() + " " + which);
        }
        Optional<byte[]> bytes = host.readFile(dir.resolve(Installation.ENV_FILE));
        if (bytes.isEmpty()) {
            throw new UsageException("no .env in " + dir + ": is this SeaTable's compose directory? " + which);
        }
        List<String> problems = new ArrayList<>();
        Optional<EnvFile> env = ComposeProjectFiles.env(dir.resolve(Installation.ENV_FILE), bytes, problems);
        if (env.isEmpty()) {
            return; // a .env that does not parse is the inspection's to report, with the line
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
