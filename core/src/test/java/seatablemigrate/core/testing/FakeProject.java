package seatablemigrate.core.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.inspect.MariaDbCommands;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.inspect.MariaDbCommands;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.spi.AbstractHostBackendContractTest;
import seatablemigrate.core.spi.ExecResult;

/**
 * {@link FakeHost}'s Compose project as SeaTable's 4.3+ layout has it: {@code seatable-server} running the image
 * {@code SEATABLE_IMAGE} names, with the license bind-mounted, and {@code mariadb} holding SeaTable's three databases.
 * It answers what the inspector asks: Compose's {@code version} and {@code config}, {@code /server-info/} and
 * {@code current_version.txt} in SeaTable's container, the database facts in MariaDB's. Each container has an ID and a
 * start time that change as Compose would change them: recreated (new ID) when its configuration changed, restarted
 * (new start time) when it was stopped. {@code up --dry-run} answers what {@code up} would do, as Compose v2 prints it.
 */
final class FakeProject {
    static final String DATABASE_IMAGE = "mariadb:10.11";
    static final List<String> DATABASES = List.of("ccnet_db", "dtable_db", "seafile_db");
    /** The tables with rows, counted first in a dump as MariaDbCommands' command writes it. */
    static final String ROWS = "-- seatable-migrate rows: `ccnet_db`.`EmailUser`\n-- seatable-migrate tables with rows: 1\n";
    /** The line a complete dump ends with. */
    static final String DUMP_COMPLETED = "-- Dump completed on 2026-11-30 10:00:00\n";
    /** What the databases hold at first, as the dump tool writes it. */
    static final String TABLES = "CREATE DATABASE `ccnet_db`;\nUSE `ccnet_db`;\nINSERT INTO `EmailUser` VALUES (1,'admin@example.com');\n";
    /** The dump of the databases as they are at first. */
    static final String DUMP = ROWS + TABLES + DUMP_COMPLETED;
    /** The host folder SeaTable's container mounts at {@code /shared} (its data volume). */
    static final Path SHARED = Path.of("/opt/seatable-server");
    /** SeaTable's stamp of the release it migrated the databases to, on the host. */
    static final Path STAMP = SHARED.resolve("seatable/conf/current_version.txt");
    static final String SEATABLE = "seatable-server";
    static final String DATABASE = "mariadb";
    static final List<String> SERVICES = List.of(SEATABLE, DATABASE);
    private final FakeHost host;
    private final Path composeDir;
    /** When the first container started; each later start is a second after the one before. */
    private static final Instant FIRST_START = Instant.parse("2026-11-30T10:00:00Z");
    private int starts;
    /** MariaDB's container, while it exists (it runs); its configuration hash may be another Compose's. */
    private Optional<Instance> database;
    private boolean databaseDiverged;
    /** SeaTable's container, while it exists, and the image it was created from (whether it runs is the host's running image). */
    private Optional<Instance> seatable = Optional.empty();
    private String seatableImage = "";
    /** What MariaDB answers to the count of active accounts in ccnet_db.EmailUser, and its client's exit status. */
    private String usersAnswer = Installations.USERS + "\n";
    private int usersStatus;
    /** What the databases hold, as the dump tool writes it (statements, no comments). */
    private String tables = TABLES;

    /** One container's identity: what a recreation (new ID) or a restart (new start time) changes. */
    private record Instance(String id, Instant startedAt) {}

    FakeProject(FakeHost host, Path composeDir) {
        this.host = host;
        this.composeDir = composeDir;
        this.database = Optional.of(new Instance(id(), start()));
    }

    /** A new container's ID: 64 hex digits, as unlike the last one as Docker's are. */
    private String id() {
        return seatablemigrate.core.model.Sha256.of(("container " + (starts + 1)).getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
    }

    private Instant start() {
        return FIRST_START.plusSeconds(++starts);
    }

    /** MariaDB's answer to the count of active accounts: its output (stderr joined) and its client's exit status. */
    void usersAnswer(String answer, int status) {
        usersAnswer = answer;
        usersStatus = status;
    }

    /** MariaDB's container was created by another Compose (v1, or one that hashes configurations differently). */
    void databaseDiverged() {
        databaseDiverged = true;
    }

    /** What {@code up} does to MariaDB's container: created when missing, recreated when its configuration diverged. */
    private Optional<String> databaseAction() {
        return database.isEmpty() ? Optional.of("Create") : databaseDiverged ? Optional.of("Recreate") : Optional.empty();
    }

    /** What {@code up} does to SeaTable's: recreated when its image changed, started when it was stopped. */
    private Optional<String> seatableAction(Optional<String> image, boolean running) {
        if (image.isEmpty()) {
            return Optional.empty();
        }
        return seatable.isEmpty() ? Optional.of("Create") : !image.get().equals(seatableImage) ? Optional.of("Recreate")
                : running ? Optional.empty() : Optional.of("Start");
    }

    /** {@code up -d}: MariaDB as {@link #databaseAction}, then SeaTable as {@link #upSeatable}; whether SeaTable's container started. */
    boolean upAll(Optional<String> image, boolean running) {
        if (databaseAction().isPresent()) {
            database = Optional.of(new Instance(id(), start()));
            databaseDiverged = false;
        }
        return upSeatable(image, running);
    }

    /**
     * {@code up -d --no-deps seatable-server}: SeaTable as {@link #seatableAction}; MariaDB is not looked at. Whether
     * SeaTable's container started (created, recreated or restarted), so that its start-up runs.
     */
    boolean upSeatable(Optional<String> image, boolean running) {
        Optional<String> action = seatableAction(image, running);
        if (action.filter(a -> a.equals("Start")).isPresent()) {
            seatable = Optional.of(new Instance(seatable.orElseThrow().id(), start()));
        } else if (action.isPresent()) {
            seatable = Optional.of(new Instance(id(), start()));
            seatableImage = image.orElseThrow();
        }
        return action.isPresent();
    }

    /** What the databases hold now, as the dump tool writes it. */
    String tables() {
        return tables;
    }

    /** A statement run on the databases (a user's write, or a release's migration). */
    void execute(String statement) {
        tables = tables + statement + "\n";
    }

    /**
     * {@code --dry-run up -d [--no-deps] [SERVICE...]} as Compose v2 prints it (plain progress, on stderr): a line per
     * container and event, and {@code Running} for a container it leaves as it is.
     */
    private ExecResult dryRunUp(List<String> up, Optional<String> image) {
        if (!up.get(0).equals("up")) {
            return ExecResult.of(1, "", "unknown command \"" + up.get(0) + "\" (not imitated)");
        }
        List<String> named = up.subList(1, up.size()).stream().filter(a -> !a.startsWith("-")).toList();
        StringBuilder err = new StringBuilder();
        if (named.isEmpty() || named.contains(DATABASE) || !up.contains("--no-deps")) {
            dryRunLines(err, DATABASE, database, databaseAction().or(() -> database.map(d -> "Running")));
        }
        if (named.isEmpty() || named.contains(SEATABLE)) {
            dryRunLines(err, SEATABLE, seatable, seatableAction(image, host.runningImage().isPresent()).or(() -> seatable.map(d -> "Running")));
        }
        return ExecResult.of(0, "", err.toString());
    }

    /** As v2.40.3 prints them: a recreated container starts under its dry-run stand-in's name, {@code <ID prefix>_<name>}. */
    private static void dryRunLines(StringBuilder err, String container, Optional<Instance> now, Optional<String> action) {
        String standIn = now.map(i -> i.id().substring(0, 12) + "_").orElse("") + container;
        List<String> events = switch (action.orElse("")) {
            case "Create" -> List.of("Creating", "Created", "Starting", "Started");
            case "Recreate" -> List.of("Recreate", "Recreated", standIn + " Starting", standIn + " Started");
            case "Start" -> List.of("Starting", "Started");
            case "Running" -> List.of("Running");
            default -> List.of();
        };
        events.forEach(e -> err.append(" DRY-RUN MODE -  Container ").append(e.contains(" ") ? e.replace(" ", "  ") : container + "  " + e).append('\n'));
    }

    /** {@code down}: both containers removed. */
    void down() {
        database = Optional.empty();
        seatable = Optional.empty();
    }

    /** Both containers while they exist; SeaTable's runs while {@code running} (stopped by {@code stop}, it is exited). */
    List<ContainerState> containers(boolean running, boolean healthy) {
        List<ContainerState> out = new ArrayList<>();
        database.ifPresent(d -> out.add(new ContainerState(DATABASE, DATABASE_IMAGE, FakeHost.imageId(DATABASE_IMAGE), "running",
                ContainerState.Health.HEALTHY, labels(DATABASE), Map.of("/var/lib/mysql", "/opt/mariadb"), d.id(), Optional.of(d.startedAt()))));
        seatable.ifPresent(s -> out.add(new ContainerState(SEATABLE, seatableImage, FakeHost.imageId(seatableImage), running ? "running" : "exited",
                !running ? ContainerState.Health.NONE : healthy ? ContainerState.Health.HEALTHY : ContainerState.Health.UNHEALTHY, labels(SEATABLE),
                Map.of("/shared", SHARED.toString()), s.id(), Optional.of(s.startedAt()))));
        return out;
    }

    /** A container's log: the line each service writes when it starts (the last start's only). */
    String logs(ContainerState container) {
        return container.service().map(s -> s + " started\n").orElse("");
    }

    private Map<String, String> labels(String service) {
        return Map.of(ContainerState.LABEL_SERVICE, service, ContainerState.LABEL_WORKING_DIR, composeDir.toString(),
                ContainerState.LABEL_PROJECT, String.valueOf(composeDir.getFileName()));
    }

    /**
     * A command in a running container, with {@code stdin} as its input: what the inspector and the runner ask
     * (SeaTable's {@code /server-info/} and version file, MariaDB's facts, dump and load), and the contract suite's
     * scripts ({@link AbstractHostBackendContractTest#echo}, {@link AbstractHostBackendContractTest#stdinIs}), which
     * any container's {@code sh} runs; anything else is not found, as a shell says it.
     */
    ExecResult exec(ContainerState container, List<String> command, boolean healthy, byte[] stdin) {
        String line = String.join(" ", command);
        if (command.size() == 7 && command.subList(0, 4).equals(AbstractHostBackendContractTest.echo("", "", 0).subList(0, 4))) {
            return ExecResult.of(Integer.parseInt(command.get(6)), command.get(4), command.get(5));
        }
        if (command.size() == 6 && command.subList(0, 4).equals(AbstractHostBackendContractTest.stdinIs("").subList(0, 4))) {
            byte[] read = Arrays.copyOf(stdin, Math.min(stdin.length, Integer.parseInt(command.get(5))));
            return ExecResult.of(new String(read, StandardCharsets.UTF_8).stripTrailing().equals(command.get(4)) ? 0 : 1, "", "");
        }
        if (container.name().equals(DATABASE) && line.contains(" -uroot --single-transaction ")) {
            return ExecResult.of(0, ROWS + tables + DUMP_COMPLETED, "");
        }
        if (container.name().equals(DATABASE) && line.startsWith("sh -c head -c \"$1\" | ")) {
            return load(new String(stdin, 0, Math.min(stdin.length, Integer.parseInt(command.get(command.size() - 1))), StandardCharsets.UTF_8));
        }
        if (container.name().equals(DATABASE) && command.equals(MariaDbCommands.loadDump(DATABASE, SHARED).command())) {
            String input = new String(stdin, StandardCharsets.UTF_8);
            int end = input.indexOf("\n-- Dump completed");
            return load(end < 0 ? input : input.substring(0, end + 1)); // sed passes the input up to that line, and no further
        }
        if (container.name().equals(SEATABLE) && line.contains("/server-info/")) {
            if (!healthy) {
                return ExecResult.of(7, "", "curl: (7) Failed to connect to 127.0.0.1 port 80: Connection refused");
            }
            ImageRef image = ImageRef.parse(container.image()).orElseThrow();
            return ExecResult.of(0, "{\"version\": \"" + image.version().orElseThrow() + "\", \"edition\": \""
                    + image.edition().orElseThrow().id() + " edition\"}", "");
        }
        if (container.name().equals(SEATABLE) && line.equals("cat /shared/seatable/conf/current_version.txt")) {
            return host.readFile(STAMP).map(b -> ExecResult.of(0, new String(b, StandardCharsets.UTF_8), ""))
                    .orElse(ExecResult.of(1, "", "cat: /shared/seatable/conf/current_version.txt: No such file or directory"));
        }
        if (container.name().equals(DATABASE) && line.contains("SHOW DATABASES")) {
            StringBuilder sb = new StringBuilder("client=mariadb\ndump=mariadb-dump\ninformation_schema\nmysql\n");
            DATABASES.forEach(d -> sb.append(d).append('\n'));
            sb.append("--seatable-migrate-sizes--\n");
            DATABASES.forEach(d -> sb.append(d).append("\t1000\n"));
            // The count of active accounts, as MariaDB's client prints it (stderr joined), then its exit status.
            sb.append("--seatable-migrate-users--\n").append(usersAnswer).append("--seatable-migrate-users-end-- ").append(usersStatus).append('\n');
            return ExecResult.of(0, sb.toString(), "");
        }
        return ExecResult.of(127, "", "sh: " + command.get(0) + ": not found");
    }

    /**
     * A load into MariaDB: the dump's statements replace the databases (it drops and makes again each database it holds,
     * {@code --add-drop-database}); its comments are not statements.
     */
    private ExecResult load(String dump) {
        tables = dump.lines().filter(l -> !l.startsWith("--")).map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
        return ExecResult.of(0, "", "");
    }

    /** {@code version} and {@code config} (as JSON, which is YAML), in the project's directory or anywhere for version. */
    ExecResult query(ComposeCli cli, Path dir, Map<String, String> extraEnv, List<String> args) {
        if (args.get(0).equals("version")) {
            return ExecResult.of(0, cli == ComposeCli.STANDALONE ? "docker-compose version 1.29.2\n" : "2.40.3\n", "");
        }
        if (args.get(0).equals("--dry-run")) {
            return cli == ComposeCli.STANDALONE ? ExecResult.of(1, "", "No such command: --dry-run\n\nCommands:\n  build  Build or rebuild services\n")
                    : dryRunUp(args.subList(1, args.size()), host.configuredImage(extraEnv));
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
