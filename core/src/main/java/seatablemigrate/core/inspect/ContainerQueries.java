package seatablemigrate.core.inspect;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** The version the database was last started with, from {@code current_version.txt}. */
    public Optional<SeaTableVersion> recordedVersion(String container) {
        ExecResult r = host.exec(container, List.of("cat", CURRENT_VERSION_FILE), TIMEOUT);
        return r.succeeded() ? SeaTableVersion.parse(r.stdout()) : Optional.empty();
    }

    /** What the database container has, asked in one exec (each exec costs three engine calls). */
    public record DatabaseFacts(Optional<String> client, Optional<String> dumpTool, List<String> databases, long sizeBytes) {}

    private static final String FACTS_MARK = "--seatable-migrate-sizes--";

    /**
     * Client, dump tool, non-system databases and their size, in one exec. Throws {@link DatabaseQueryException}
     * when the databases cannot be listed.
     */
    public DatabaseFacts facts(String container) {
        String script = "client=$(command -v mariadb || command -v mysql); dump=$(command -v mariadb-dump || command -v mysqldump); "
                + "echo \"client=${client##*/}\"; echo \"dump=${dump##*/}\"; [ -n \"$client\" ] || exit 3; "
                + MariaDbCommands.PASSWORD + " exec \"$client\" -uroot -N -B -e \"SHOW DATABASES; SELECT '" + FACTS_MARK + "'; "
                + "SELECT table_schema, COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables GROUP BY table_schema\"";
        ExecResult r = host.exec(container, List.of("sh", "-c", script), TIMEOUT);
        String[] lines = r.stdout().split("\\R");
        Optional<String> client = Optional.empty();
        Optional<String> dump = Optional.empty();
        List<String> dbs = new ArrayList<>();
        long size = 0;
        boolean sizes = false;
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("client=")) {
                client = Optional.of(l.substring(7)).filter(x -> !x.isEmpty());
            } else if (l.startsWith("dump=")) {
                dump = Optional.of(l.substring(5)).filter(x -> !x.isEmpty());
            } else if (l.equals(FACTS_MARK)) {
                sizes = true;
            } else if (!line.isEmpty() && !sizes && !SYSTEM_DATABASES.contains(line)) {
                // The name as the host wrote it, unstripped: a name is accepted whole or refused.
                dbs.add(line);
            } else if (sizes) {
                String[] p = l.split("\t");
                if (p.length == 2 && !SYSTEM_DATABASES.contains(p[0])) {
                    try {
                        size += Long.parseLong(p[1].strip());
                    } catch (NumberFormatException ignored) {
                        // a size we cannot read counts as zero
                    }
                }
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
        return new DatabaseFacts(client, dump, List.copyOf(dbs), size);
    }

    /** A database question that could not be answered. */
    public static final class DatabaseQueryException extends seatablemigrate.core.MigrateException {
        private static final long serialVersionUID = 1L;

        public DatabaseQueryException(String message) {
            super(message);
        }
    }
}
