package seatablemigrate.core.inspect;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.model.ActiveUsers;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.ServerInfo;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.Shell;

/**
 * The read-only questions asked inside SeaTable's and MariaDB's containers. One place, so that inspection,
 * verification and backup ask them the same way. Passwords are read inside the container from its environment.
 */
public final class ContainerQueries {
    static final String SERVER_INFO_URL = "http://127.0.0.1:8000/server-info/";
    static final String CURRENT_VERSION_FILE = "/shared/seatable/conf/current_version.txt";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The command run in SeaTable's container to ask /server-info/: its curl, else busybox's wget. */
    private static final List<String> SERVER_INFO_COMMAND = List.of("sh", "-c", "curl -fsS --max-time 5 \"$1\" 2>/dev/null || wget -q -O - \"$1\"",
            "sh", SERVER_INFO_URL);
    private static final List<String> SYSTEM_DATABASES = List.of("information_schema", "performance_schema", "mysql", "sys");

    /**
     * The shell form of the queries audit scripts need ({@code $COMPOSE_DIR} and {@code $SERVICE} set by the script):
     * /server-info/ from inside the container, as {@link #serverInfo} asks it, and SeaTable's container by the labels
     * the live run looks it up by.
     */
    public static final String SHELL_FUNCTIONS = String.join("\n",
            "# server_info CONTAINER: SeaTable's /server-info/ from inside its container (curl, else busybox wget)",
            "server_info() {",
            "  docker exec \"$1\" " + Shell.join(SERVER_INFO_COMMAND),
            "}",
            "",
            "# server_info_is CONTAINER EDITION VERSION",
            "server_info_is() {",
            "  local info",
            "  info=$(server_info \"$1\") || return 1",
            "  printf '%s' \"$info\" | grep -qi \"\\\"edition\\\": *\\\"$2\" && printf '%s' \"$info\" | grep -q \"\\\"version\\\": *\\\"$3\\\"\"",
            "}",
            "",
            "seatable_container() {",
            "  docker ps -aq --filter \"label=" + ContainerState.LABEL_WORKING_DIR + "=$COMPOSE_DIR\" --filter \"label=" + ContainerState.LABEL_SERVICE
                    + "=$SERVICE\" | head -n 1",
            "}",
            "");

    private final HostBackend host;
    private final ObjectMapper json = new ObjectMapper();

    public ContainerQueries(HostBackend host) {
        this.host = requireNonNull(host, "host is null");
    }

    /** Asks SeaTable's {@code /server-info/} from inside its container (curl, else busybox wget). */
    public Optional<ServerInfo> serverInfo(String container) {
        ExecResult r = host.exec(container, SERVER_INFO_COMMAND, TIMEOUT);
        if (!r.succeeded()) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(r.stdout());
            Optional<SeaTableVersion> v = SeaTableVersion.parse(node.path("version").asText(""));
            Optional<Edition> e = Edition.fromServerInfo(node.path("edition").asText(""));
            return v.isPresent() && e.isPresent() ? Optional.of(new ServerInfo(v.get(), e.get())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The version the database was last started with, from {@code current_version.txt}. */
    public Optional<SeaTableVersion> recordedVersion(String container) {
        ExecResult r = host.exec(container, List.of("cat", CURRENT_VERSION_FILE), TIMEOUT);
        return r.succeeded() ? SeaTableVersion.parse(r.stdout()) : Optional.empty();
    }

    /** What the database container has, asked in one exec (each exec costs three engine calls). */
    public record DatabaseFacts(Optional<String> client, Optional<String> dumpTool, List<String> databases, long sizeBytes, ActiveUsers users) {}

    private static final String FACTS_MARK = "--seatable-migrate-sizes--";
    private static final String USERS_MARK = "--seatable-migrate-users--";
    private static final String USERS_END = "--seatable-migrate-users-end-- ";
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");
    private static final Pattern MARIADB_ERROR = Pattern.compile("ERROR ([0-9]{1,5})\\b.*");
    private static final Pattern EXIT_STATUS = Pattern.compile("[0-9]{1,3}");

    /**
     * Client, dump tool, non-system databases and their size, and the accounts SeaTable counts against a license, in one
     * exec. Throws {@link DatabaseQueryException} when the databases cannot be listed; accounts that cannot be counted
     * (SeaTable's tables missing, an answer that is not a count) are said in {@link DatabaseFacts#users()}.
     */
    public DatabaseFacts facts(String container) {
        String script = "client=$(command -v mariadb || command -v mysql); dump=$(command -v mariadb-dump || command -v mysqldump); "
                + "echo \"client=${client##*/}\"; echo \"dump=${dump##*/}\"; [ -n \"$client\" ] || exit 3; "
                + MariaDbCommands.PASSWORD + " \"$client\" -uroot -N -B -e \"SHOW DATABASES; SELECT '" + FACTS_MARK + "'; "
                + "SELECT table_schema, COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables GROUP BY table_schema\" || exit; "
                // The count's failure (no ccnet_db: not SeaTable's database) must not fail the listing: its own exit status follows it.
                + "echo '" + USERS_MARK + "'; " + MariaDbCommands.COUNT_ACTIVE_USERS + " 2>&1; echo \"" + USERS_END + "$?\"";
        ExecResult r = host.exec(container, List.of("sh", "-c", script), TIMEOUT);
        String[] lines = r.stdout().split("\\R");
        Optional<String> client = Optional.empty();
        Optional<String> dump = Optional.empty();
        List<String> dbs = new ArrayList<>();
        List<String> users = new ArrayList<>();
        long size = 0;
        // The answer's parts in order: names, then sizes, then the count; a mark counts only in its place.
        int part = 0;
        for (String line : lines) {
            String l = line.strip();
            if (part == 0 && l.startsWith("client=")) {
                client = Optional.of(l.substring(7)).filter(x -> !x.isEmpty());
            } else if (part == 0 && l.startsWith("dump=")) {
                dump = Optional.of(l.substring(5)).filter(x -> !x.isEmpty());
            } else if (part == 0 && l.equals(FACTS_MARK)) {
                part = 1;
            } else if (part == 0 && !line.isEmpty() && !SYSTEM_DATABASES.contains(line)) {
                // The name as the host wrote it, unstripped: a name is accepted whole or refused.
                dbs.add(line);
            } else if (part == 1 && line.equals(USERS_MARK)) {
                part = 2;
            } else if (part == 1) {
                String[] p = l.split("\t");
                if (p.length == 2 && !SYSTEM_DATABASES.contains(p[0])) {
                    try {
                        size += Long.parseLong(p[1].strip());
                    } catch (NumberFormatException ignored) {
                        // a size we cannot read counts as zero
                    }
                }
            } else if (part == 2) {
                users.add(line);
            }
        }
        if (!r.succeeded()) {
            throw new DatabaseQueryException(client.isEmpty() ? "container " + container + " has neither mariadb nor mysql client"
                    : "cannot list the databases in container " + container + " (" + r.describe() + ")");
        }
        for (String db : dbs) {
            if (!MariaDbCommands.isDatabaseName(db)) {
                throw new DatabaseQueryException("the database name " + MariaDbCommands.describeName(db) + " in container " + container
                        + " is not one this tool dumps (letters, digits, $ and _, at most 64 characters): back up and switch by hand");
            }
        }
        dbs.sort(null);
        return new DatabaseFacts(client, dump, List.copyOf(dbs), size, part == 2 ? activeUsers(users) : ActiveUsers.unreadable("MariaDB did not answer"));
    }

    /**
     * The count's answer, read strictly: the lines after the users mark up to its end line, which carries the client's exit
     * status. A count is exactly one line of digits (at most nine) with status 0; anything else is why there is none,
     * named by MariaDB's error number when it gave one, never by the host's text.
     */
    static ActiveUsers activeUsers(List<String> answer) {
        if (answer.isEmpty() || !answer.get(answer.size() - 1).startsWith(USERS_END)
                || !EXIT_STATUS.matcher(answer.get(answer.size() - 1).substring(USERS_END.length())).matches()) {
            return ActiveUsers.unreadable("MariaDB's answer was cut short");
        }
        int status = Integer.parseInt(answer.get(answer.size() - 1).substring(USERS_END.length()));
        List<String> lines = answer.subList(0, answer.size() - 1);
        if (status == 0 && lines.size() == 1 && COUNT.matcher(lines.get(0)).matches()) {
            return ActiveUsers.counted(Integer.parseInt(lines.get(0)));
        }
        if (status == 0) {
            return ActiveUsers.unreadable("MariaDB's answer is not a count");
        }
        for (String line : lines) {
            Matcher m = MARIADB_ERROR.matcher(line);
            if (m.matches()) {
                return ActiveUsers.unreadable(switch (m.group(1)) {
                    case "1049" -> "there is no database ccnet_db";
                    case "1146" -> "there is no table ccnet_db.EmailUser";
                    case "1054" -> "ccnet_db.EmailUser has no column is_active";
                    case "1044", "1045", "1142" -> "MariaDB refused the query (access denied)";
                    default -> "MariaDB refused the query (error " + m.group(1) + ")";
                });
            }
        }
        return ActiveUsers.unreadable("MariaDB did not answer the count (exit status " + status + ")");
    }

    /** A database question that could not be answered. */
    public static final class DatabaseQueryException extends MigrateException {
        private static final long serialVersionUID = 1L;

        public DatabaseQueryException(String message) {
            super(message);
        }
    }
}
