package seatablemigrate.core.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.spi.ComposeCli;
import seatablemigrate.core.spi.ExecResult;

/**
 * {@link FakeHost}'s Compose project as SeaTable's 4.3+ layout has it: {@code seatable-server} running the image
 * {@code SEATABLE_IMAGE} names, with the license bind-mounted, and {@code mariadb} holding SeaTable's three databases.
 * It answers what the inspector asks: Compose's {@code version} and {@code config}, {@code /server-info/} and
 * {@code current_version.txt} in SeaTable's container, the database facts in MariaDB's.
 */
final class FakeProject {
    static final String DATABASE_IMAGE = "mariadb:10.11";
    static final List<String> DATABASES = List.of("ccnet_db", "dtable_db", "seafile_db");
    /** A dump as MariaDbCommands' command writes it: the tables with rows counted first, then the dump tool's output. */
    static final String DUMP = "-- seatable-migrate rows: `ccnet_db`.`EmailUser`\n-- seatable-migrate tables with rows: 1\n"
            + "CREATE DATABASE `ccnet_db`;\nUSE `ccnet_db`;\nINSERT INTO `EmailUser` VALUES (1,'admin@example.com');\n"
            + "-- Dump completed on 2026-11-30 10:00:00\n";
    private static final String SEATABLE = "seatable-server";
    private static final String DATABASE = "mariadb";
    private final FakeHost host;
    private final Path composeDir;
    private boolean databaseRunning = true;

    FakeProject(FakeHost host, Path composeDir) {
        this.host = host;
        this.composeDir = composeDir;
    }

    void databaseRunning(boolean running) {
        databaseRunning = running;
    }

    List<ContainerState> containers(Optional<String> seatableImage, boolean healthy) {
        List<ContainerState> out = new ArrayList<>();
        if (databaseRunning) {
            out.add(new ContainerState(DATABASE, DATABASE_IMAGE, FakeHost.imageId(DATABASE_IMAGE), "running", ContainerState.Health.HEALTHY,
                    labels(DATABASE), Map.of("/var/lib/mysql", "/opt/mariadb")));
        }
        seatableImage.ifPresent(i -> out.add(new ContainerState(SEATABLE, i, FakeHost.imageId(i), "running",
                healthy ? ContainerState.Health.HEALTHY : ContainerState.Health.UNHEALTHY, labels(SEATABLE), Map.of("/shared", "/opt/seatable-server"))));
        return out;
    }

    private Map<String, String> labels(String service) {
        return Map.of(ContainerState.LABEL_SERVICE, service, ContainerState.LABEL_WORKING_DIR, composeDir.toString(),
                ContainerState.LABEL_PROJECT, String.valueOf(composeDir.getFileName()));
    }

    ExecResult exec(ContainerState container, List<String> command, boolean healthy) {
        String line = String.join(" ", command);
        if (container.name().equals(SEATABLE) && line.contains("/server-info/")) {
            if (!healthy) {
                return ExecResult.of(7, "", "curl: (7) Failed to connect to 127.0.0.1 port 80: Connection refused");
            }
            ImageRef image = ImageRef.parse(container.image()).orElseThrow();
            return ExecResult.of(0, "{\"version\": \"" + image.version().orElseThrow() + "\", \"edition\": \""
                    + image.edition().orElseThrow().id() + " edition\"}", "");
        }
        if (container.name().equals(SEATABLE) && line.startsWith("cat ") && line.endsWith("current_version.txt")) {
            return ExecResult.of(0, ImageRef.parse(container.image()).flatMap(ImageRef::version).map(Object::toString).orElse("") + "\n", "");
        }
        if (container.name().equals(DATABASE) && line.contains("SHOW DATABASES")) {
            StringBuilder sb = new StringBuilder("client=mariadb\ndump=mariadb-dump\ninformation_schema\nmysql\n");
            DATABASES.forEach(d -> sb.append(d).append('\n'));
            sb.append("--seatable-migrate-sizes--\n");
            DATABASES.forEach(d -> sb.append(d).append("\t1000\n"));
            return ExecResult.of(0, sb.toString(), "");
        }
        return ExecResult.of(127, "", "sh: " + command.get(0) + ": not found");
    }

    /** {@code version} and {@code config} (as JSON, which is YAML), in the project's directory or anywhere for version. */
    ExecResult query(ComposeCli cli, Path dir, Map<String, String> extraEnv, List<String> args) {
        if (args.get(0).equals("version")) {
            return ExecResult.of(0, cli == ComposeCli.STANDALONE ? "docker-compose version 1.29.2\n" : "2.40.3\n", "");
        }
        if (!args.get(0).equals("config")) {
            return ExecResult.of(1, "", "unknown command \"" + args.get(0) + "\" (not imitated)");
        }
        if (!dir.equals(composeDir)) {
            return ExecResult.of(14, "", "no configuration file provided: not found");
        }
        Optional<String> image = host.configuredImage(extraEnv);
        if (image.isEmpty()) {
            return ExecResult.of(15, "", "invalid reference format: SEATABLE_IMAGE is not set");
        }
        String json = "{\"name\": \"" + composeDir.getFileName() + "\", \"services\": {"
                + "\"" + SEATABLE + "\": {\"image\": \"" + image.get() + "\", \"container_name\": \"" + SEATABLE + "\", \"volumes\": ["
                + "{\"type\": \"bind\", \"source\": \"" + composeDir.resolve("seatable-license.txt") + "\", \"target\": \"/shared/seatable/seatable-license.txt\"}]},"
                + "\"" + DATABASE + "\": {\"image\": \"" + DATABASE_IMAGE + "\", \"container_name\": \"" + DATABASE + "\"}}}\n";
        return ExecResult.of(0, json, "");
    }
}
