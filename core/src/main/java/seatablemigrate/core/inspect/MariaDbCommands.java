package seatablemigrate.core.inspect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import seatablemigrate.core.spi.EngineChange;

/**
 * The MariaDB command lines the tool runs inside the database container, in one place: the dump, the load, and how
 * they log in (as root, with the password read inside the container from its environment, so that it is never on a
 * host command line, in a log or in a script). The SPI only knows "run this in a container, to or from a file".
 */
public final class MariaDbCommands {
    /** The login's password, from the official image's variables (MariaDB 11 images name it MARIADB_...). */
    static final String PASSWORD = "MYSQL_PWD=\"${MYSQL_ROOT_PASSWORD:-$MARIADB_ROOT_PASSWORD}\"";

    private MariaDbCommands() {}

    /** A consistent dump of {@code databases} (with routines, events and triggers) by {@code dumpTool} into {@code target}. */
    public static EngineChange.ContainerToFile dump(String container, String dumpTool, List<String> databases, Path target) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", PASSWORD + " exec " + dumpTool
                + " -uroot --single-transaction --routines --events --triggers --databases \"$@\"", "sh"));
        cmd.addAll(databases);
        return new EngineChange.ContainerToFile(container, cmd, target, "dump " + String.join(", ", databases) + " to " + target.getFileName());
    }

    /**
     * Loads the dump file {@code dump} of {@code bytes} bytes with {@code client}; the client reads exactly that many
     * bytes, so it ends without waiting for the end of its input. Replaces the databases the dump creates.
     */
    public static EngineChange.FileToContainer load(String container, String client, Path dump, long bytes) {
        return new EngineChange.FileToContainer(container, List.of("sh", "-c", "head -c \"$1\" | " + PASSWORD + " " + client + " -uroot",
                "sh", Long.toString(bytes)), dump, "load " + dump.getFileName() + " into " + container);
    }
}
