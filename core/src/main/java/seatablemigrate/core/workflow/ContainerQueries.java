package seatablemigrate.core.workflow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.ServerInfo;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.HostBackend;

/**
 * The read-only questions asked inside SeaTable's and MariaDB's containers. One place, so that inspection,
 * verification and backup ask them the same way. Passwords are read inside the container from its environment.
 */
public final class ContainerQueries {
    static final String SERVER_INFO_URL = "http://127.0.0.1:8000/server-info/";
    static final String CURRENT_VERSION_FILE = "/shared/seatable/conf/current_version.txt";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> SYSTEM_DATABASES = List.of("information_schema", "performance_schema", "mysql", "sys");
    private static final String PASSWORD = "MYSQL_PWD=\"${MYSQL_ROOT_PASSWORD:-$MARIADB_ROOT_PASSWORD}\"";

    private final HostBackend host;
    private final ObjectMapper json = new ObjectMapper();

    public ContainerQueries(HostBackend host) {
        this.host = requireNonNull(host, "host is null");
    }

    /** Asks SeaTable's {@code /server-info/} from inside its container (curl, else busybox wget). */
    public Optional<ServerInfo> serverInfo(String container) {
        ExecResult r = host.exec(container, List.of("sh", "-c",
                "curl -fsS --max-time 5 \"$1\" 2>/dev/null || wget -q -O - \"$1\"", "sh", SERVER_INFO_URL), TIMEOUT);
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

    /** {@code mariadb-dump} or {@code mysqldump}: MariaDB 11 images have only the first. */
    public Optional<String> dumpTool(String container) {
        return probe(container, "mariadb-dump", "mysqldump");
    }

    /** {@code mariadb} or {@code mysql}, whichever client the image has. */
    public Optional<String> client(String container) {
        return probe(container, "mariadb", "mysql");
    }

    /** The non-system databases, sorted. */
    public List<String> databases(String container) {
        ExecResult r = sql(container, "SHOW DATABASES");
        if (!r.succeeded()) {
            throw new DatabaseQueryException("cannot list the databases in container " + container + " (" + r.describe() + ")");
        }
        return Arrays.stream(r.stdout().split("\\R")).map(String::strip).filter(s -> !s.isEmpty())
                .filter(s -> !SYSTEM_DATABASES.contains(s)).sorted().toList();
    }

    /** Data plus index bytes of the given databases, or -1 when unknown. */
    public long size(String container, List<String> databases) {
        if (databases.isEmpty()) {
            return 0;
        }
        String in = String.join(",", databases.stream().map(d -> "'" + d.replace("'", "''") + "'").toList());
        ExecResult r = sql(container, "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables"
                + " WHERE table_schema IN (" + in + ")");
        try {
            return r.succeeded() ? Long.parseLong(r.stdout().strip()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ExecResult sql(String container, String statement) {
        Optional<String> client = client(container);
        if (client.isEmpty()) {
            throw new DatabaseQueryException("container " + container + " has neither mariadb nor mysql client");
        }
        return host.exec(container, List.of("sh", "-c", PASSWORD + " exec " + client.get() + " -uroot -N -B -e \"$1\"",
                "sh", statement), TIMEOUT);
    }

    private Optional<String> probe(String container, String... tools) {
        for (String tool : tools) {
            ExecResult r = host.exec(container, List.of("sh", "-c", "command -v \"$1\"", "sh", tool), TIMEOUT);
            if (r.succeeded() && !r.stdout().isBlank()) {
                return Optional.of(tool);
            }
        }
        return Optional.empty();
    }

    /** A database question that could not be answered. */
    public static final class DatabaseQueryException extends seatablemigrate.core.MigrateException {
        private static final long serialVersionUID = 1L;

        public DatabaseQueryException(String message) {
            super(message);
        }
    }
}
