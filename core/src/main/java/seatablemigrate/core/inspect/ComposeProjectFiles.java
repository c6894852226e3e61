package seatablemigrate.core.inspect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.EnvFileFormatException;
import seatablemigrate.core.model.Installation;

/**
 * How a SeaTable compose directory names its project: its {@code .env}, and the compose files that {@code COMPOSE_FILE}
 * lists there (split at {@code COMPOSE_PATH_SEPARATOR}, {@code :} by default, relative to the directory). The one reader
 * of both for online and offline inspection; where the bytes come from (the host, a copy of its directory) is the
 * caller's. What is wrong is added to {@code problems}, in words an admin can act on.
 */
final class ComposeProjectFiles {
    private ComposeProjectFiles() {}

    /** {@code .env} parsed from {@code bytes}; {@code shownAs} names it in problems (the host's path, or the copy's). */
    static Optional<EnvFile> env(Path shownAs, Optional<byte[]> bytes, List<String> problems) {
        if (bytes.isEmpty()) {
            problems.add(shownAs + " does not exist: this does not look like a SeaTable 4.3+ compose directory");
            return Optional.empty();
        }
        try {
            return Optional.of(EnvFile.parse(bytes.get()));
        } catch (EnvFileFormatException e) {
            problems.add(shownAs + " cannot be parsed: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The compose files {@code .env} lists, in order, as paths under {@code composeDir} (whether they exist is not asked). */
    static List<Path> composeFiles(Path composeDir, Optional<EnvFile> env, List<String> problems) {
        if (env.isEmpty()) {
            return List.of();
        }
        Optional<String> list = env.get().get("COMPOSE_FILE");
        if (list.isEmpty()) {
            problems.add(composeDir.resolve(Installation.ENV_FILE) + " has no COMPOSE_FILE (SeaTable 4.3+ layout expected)");
            return List.of();
        }
        String separator = env.get().get("COMPOSE_PATH_SEPARATOR").orElse(":");
        List<Path> files = new ArrayList<>();
        for (String f : list.get().split(Pattern.quote(separator))) {
            if (!f.isBlank()) {
                files.add(composeDir.resolve(f.strip()).normalize());
            }
        }
        return files;
    }
}
