package seatablemigrate.core.inspect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.Shell;

/**
 * The MariaDB command lines the tool runs inside the database container, in one place: the dump, the load, and how
 * they log in (as root, with the password read inside the container from its environment, so that it is never on a
 * host command line, in a log or in a script). The SPI only knows "run this in a container, to or from a file".
 */
public final class MariaDbCommands {
    /** The login's password, from the official image's variables (MariaDB 11 images name it MARIADB_...). */
    static final String PASSWORD = "MYSQL_PWD=\"${MYSQL_ROOT_PASSWORD:-$MARIADB_ROOT_PASSWORD}\"";

    /**
     * The database names the tool dumps: MariaDB's characters for an unquoted identifier, ASCII only ({@code 0-9 A-Z
     * a-z $ _}, which covers SeaTable's {@code ccnet_db}, {@code seafile_db}, {@code dtable_db}), at most 64 characters
     * (MariaDB's limit). A name comes from the host's {@code SHOW DATABASES}; anything else (a dash that would make it an
     * option, quotes, spaces, markup) is refused rather than quoted, so no renderer ever has to get it right.
     */
    private static final Pattern DATABASE_NAME = Pattern.compile("[0-9A-Za-z$_]{1,64}");

    /** The first lines of a dump, written by the dump command itself: each table that had rows, then their count. */
    public static final String ROWS_LINE = "-- seatable-migrate rows: ";
    public static final String ROWS_COUNT_LINE = "-- seatable-migrate tables with rows: ";
    /** How a complete dump's last line begins (the dump tool writes it when it is done). */
    public static final String DUMP_COMPLETED = "-- Dump completed";

    /**
     * The accounts SeaTable counts against a license's MaxUsers ({@link seatablemigrate.core.model.ActiveUsers}): the active
     * rows of {@code ccnet_db.EmailUser}, the query SeaTable's own {@code tools/user-stats.sh} asks. The shell form runs
     * with {@code $client} set to MariaDB's client and prints the count alone.
     */
    static final String COUNT_ACTIVE_USERS = PASSWORD + " \"$client\" -uroot -N -B -e \"SELECT COUNT(*) FROM ccnet_db.EmailUser WHERE is_active = 1\"";

    /** The command run in MariaDB's container to count the active accounts (as {@link ContainerQueries#facts} does). */
    public static List<String> countActiveUsers() {
        return List.of("sh", "-c", "client=$(command -v mariadb || command -v mysql) || exit 3; " + COUNT_ACTIVE_USERS);
    }

    private MariaDbCommands() {}

    /** Whether {@code name} is a database name the tool accepts (see {@link #DATABASE_NAME}). */
    public static boolean isDatabaseName(String name) {
        return DATABASE_NAME.matcher(name).matches();
    }

    /** {@code name} fit for a message: escaped (it may hold terminal escapes) and shortened. */
    static String describeName(String name) {
        return Shell.describeName(name);
    }

    /**
     * A consistent dump of {@code databases} (with routines, events and triggers) by {@code dumpTool} into {@code target},
     * the names after {@code --} (never options). It starts with a count taken just before, in the same command, from
     * {@code information_schema} (one query): a line {@link #ROWS_LINE}{@code `db`.`table`} for each base table that has
     * rows, as the dump writes its name, and {@link #ROWS_COUNT_LINE}{@code N}; {@code Verifier}'s dump check requires an
     * {@code INSERT} for each. SQL comments, so the dump loads as it is. The row counts of InnoDB tables are estimates: a
     * table emptied in the seconds before the dump may be listed, and then the check fails, which is the safe side.
     */
    public static EngineChange.ContainerToFile dump(String container, String dumpTool, List<String> databases, Path target) {
        for (String d : databases) {
            if (!isDatabaseName(d)) {
                throw new IllegalArgumentException("not a database name this tool dumps: " + describeName(d));
            }
        }
        // CHAR(96) is a backtick, which the shell would take for a command substitution; the names are quoted SQL strings
        // only because they hold nothing but [0-9A-Za-z$_].
        String where = "table_schema IN ($in) AND table_type = 'BASE TABLE' AND table_rows > 0";
        String count = "client=$(command -v mariadb || command -v mysql) || exit 3; in=; for d; do in=\"$in${in:+,}'$d'\"; done; "
                + PASSWORD + " \"$client\" -uroot -N -B -e \"SELECT CONCAT('" + ROWS_LINE + "', CHAR(96), table_schema, CHAR(96), '.', CHAR(96), "
                + "REPLACE(table_name, CHAR(96), CONCAT(CHAR(96), CHAR(96))), CHAR(96)) FROM information_schema.tables WHERE " + where
                + " ORDER BY 1; SELECT CONCAT('" + ROWS_COUNT_LINE + "', COUNT(*)) FROM information_schema.tables WHERE " + where + "\" || exit 3; ";
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", count + PASSWORD + " exec " + dumpTool
                + " -uroot --single-transaction --routines --events --triggers --add-drop-database --databases -- \"$@\"", "sh"));
        cmd.addAll(databases);
        return new EngineChange.ContainerToFile(container, cmd, target, "dump " + String.join(", ", databases) + " to " + target.getFileName());
    }

    /**
     * Loads the complete dump {@code dump} (one that {@code Verifier} checked ends with {@link #DUMP_COMPLETED}) with the
     * container's MariaDB client. The container reads its input up to and including that line and no further, so the
     * load ends without waiting for the end of its input, and without knowing the dump's size when it is planned (a way
     * back planned before the dump exists). Each database in the dump is dropped and made again, so tables created since
     * the dump go too.
     */
    public static EngineChange.FileToContainer loadDump(String container, Path dump) {
        return new EngineChange.FileToContainer(container, List.of("sh", "-c", "client=$(command -v mariadb || command -v mysql) || exit 3; sed '/^"
                + DUMP_COMPLETED + "/q' | " + PASSWORD + " \"$client\" -uroot"), dump, "load " + dump.getFileName() + " into " + container);
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
