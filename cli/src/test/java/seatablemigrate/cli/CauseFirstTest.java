package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cause first, once, with what to do: a Docker engine that does not answer (the local backend pointed at a socket
 * that does not exist, through DOCKER_HOST as docker-java reads it), an SSH host that cannot be reached (a closed port
 * on 127.0.0.1, a name that does not resolve), a directory that is no compose directory; and no Java class name in
 * any of it. Needs no engine and no sshd.
 */
class CauseFirstTest {
    private static final String EXAMPLE = ComposeProject.EXAMPLE.toString();
    private static final String PLAN_FROM_A_COPY = "or plan from a copy: seatable-migrate plan --offline --from COPY --to EDITION --version X.Y.Z";

    @TempDir
    Path tmp;
    private Path knownHosts;
    private Path sshConfig;
    private int closedPort;

    @BeforeEach
    void setUp() throws Exception {
        knownHosts = Files.createFile(tmp.resolve("known_hosts"));
        sshConfig = Files.createFile(tmp.resolve("ssh_config"));
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
    }

    /** The CLI in its own JVM with {@code env} added, as a user starts it: DOCKER_HOST is read from the environment. */
    private LocalMigrationIT.Run child(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Path out = tmp.resolve("child.out");
        Path err = tmp.resolve("child.err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new LocalMigrationIT.Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Map<String, String> noEngine() {
        return Map.of("DOCKER_HOST", "unix://" + tmp.resolve("no-docker.sock"));
    }

    private String engineCause() {
        return "Docker engine does not answer at unix://" + tmp.resolve("no-docker.sock") + " (no such file or directory): start it"
                + " (systemctl start docker), " + PLAN_FROM_A_COPY;
    }

    private static void assertNoJava(LocalMigrationIT.Run r, String what) {
        assertThat(r.out() + r.err()).as(what + ": " + r.out() + r.err()).doesNotContain("Exception").doesNotContain("java.")
                .doesNotContain("\tat ");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void withoutTheEngineDoctorAndPlanSayTheCauseOnceAndDeferWhatNeedsIt() throws Exception {
        for (List<String> args : List.of(List.of("doctor"), List.of("plan", "--to", "developer"))) {
            List<String> line = new ArrayList<>(args);
            line.addAll(List.of("--compose-dir", EXAMPLE));
            LocalMigrationIT.Run r = child(noEngine(), line.toArray(String[]::new));
            String all = r.out() + r.err();
            assertThat(r.exit()).as(all).isEqualTo(3);
            assertThat(r.out()).contains("  [fail]     engine          " + engineCause() + "\n")
                    .contains("  [deferred] current-state   no engine: which edition runs, and whether it is healthy, is checked when the engine answers\n")
                    .contains("  [deferred] database        no engine: the MariaDB container and its databases are found when the engine answers\n")
                    .contains("  [deferred] disk-space      no engine: the space the dump needs is known when the engine answers\n")
                    .doesNotContain("cannot be determined").doesNotContain("no MariaDB container").doesNotContain("[fail]     current-state")
                    .doesNotContain("[fail]     database").doesNotContain("[fail]     project");
            assertThat(count(all, "Docker engine does not answer")).as("the cause once: " + all).isEqualTo(1);
            assertNoJava(r, String.join(" ", line));
        }
        LocalMigrationIT.Run plan = child(noEngine(), "plan", "--to", "developer", "--compose-dir", EXAMPLE);
        assertThat(plan.out()).contains("  [deferred] target-version  no engine: the target version is chosen among the local images and the"
                + " registry's tags when the engine answers\n");
    }

    @Test
    void withoutTheEngineStatusShowsWhatTheFilesSayAndTheCauseOnce() throws Exception {
        LocalMigrationIT.Run r = child(noEngine(), "status", "--compose-dir", EXAMPLE);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out()).contains("  edition:  Enterprise Edition\n").contains("  PROBLEM: " + engineCause() + "\n")
                .endsWith("\nRefused: the Docker engine does not answer (see above): containers, health, /server-info/ and the database are not observed\n");
        assertThat(r.err()).isEmpty();
        assertThat(count(r.out(), "Docker engine does not answer at")).isEqualTo(1);
        assertNoJava(r, "status");
    }

    @Test
    void anSshHostThatCannotBeReachedIsUnreachableWithItsCause() throws Exception {
        Map<String, String> causes = Map.of(
                "ssh://root@127.0.0.1:" + closedPort, "cannot connect to root@127.0.0.1:" + closedPort + ": connection refused: nothing listens on port " + closedPort,
                "root@host.invalid", "cannot connect to root@host.invalid: the name host.invalid is not found (DNS)");
        for (var e : causes.entrySet()) {
            for (List<String> command : List.of(List.of("status"), List.of("doctor"), List.of("plan", "--to", "developer"),
                    List.of("migrate", "--to", "developer", "--yes"), List.of("backups"))) {
                List<String> args = new ArrayList<>(List.of("--host", e.getKey(), "--known-hosts", knownHosts.toString(), "--ssh-config",
                        sshConfig.toString()));
                args.addAll(command);
                LocalMigrationIT.Run r = LocalMigrationIT.cli(args.toArray(String[]::new));
                assertThat(r.exit()).as(args + ": " + r.out() + r.err()).isEqualTo(3);
                assertThat(r.err()).as(args.toString()).isEqualTo("seatable-migrate: " + e.getValue() + "\nNothing was changed.\n");
                assertThat(r.out()).doesNotContain("[pass]     connection");
                assertNoJava(r, args.toString());
                args.add("--json");
                List<JsonNode> events = JsonEvents.parse(LocalMigrationIT.cli(args.toArray(String[]::new)).out());
                JsonNode result = events.get(events.size() - 1);
                assertThat(result.path("outcome").asText()).isEqualTo("unreachable");
                assertThat(result.path("exitCode").asInt()).isEqualTo(3);
                assertThat(result.path("message").asText()).isEqualTo(e.getValue() + "; nothing was changed");
            }
        }
    }

    @Test
    void aFleetCountsUnreachableHostsApart() throws Exception {
        Path hosts = tmp.resolve("hosts.txt");
        Files.writeString(hosts, "ssh://root@127.0.0.1:" + closedPort + "\nroot@host.invalid\n");
        Path logs = tmp.resolve("logs");
        String[] args = {"status", "--inventory", hosts.toString(), "--log-dir", logs.toString(), "--known-hosts", knownHosts.toString(),
                "--ssh-config", sshConfig.toString()};
        LocalMigrationIT.Run r = LocalMigrationIT.cli(args);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out()).contains("ssh://root@127.0.0.1:" + closedPort + ": unreachable (exit 3): cannot connect to root@127.0.0.1:" + closedPort
                        + ": connection refused: nothing listens on port " + closedPort + "; nothing was changed\n")
                .contains("root@host.invalid: unreachable (exit 3): cannot connect to root@host.invalid: the name host.invalid is not found (DNS);"
                        + " nothing was changed\n")
                .containsPattern("root@host\\.invalid +- +- +unreachable +3 +-")
                .contains("2 hosts: 2 unreachable. Logs: ");
        assertNoJava(r, "fleet");
        String[] json = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--json")).toArray(String[]::new);
        List<JsonNode> events = JsonEvents.parse(LocalMigrationIT.cli(json).out());
        assertThat(JsonEvents.ofType(events, "host-result")).extracting(e -> e.path("outcome").asText()).containsExactly("unreachable", "unreachable");
    }

    @Test
    void aDirectoryThatIsNoComposeDirectoryIsAUsageErrorSaidOnce() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path envOnly = Files.createDirectories(tmp.resolve("env-only"));
        Files.writeString(envOnly.resolve(".env"), "SEATABLE_IMAGE=seatable/seatable-enterprise:5.3.4\n");
        Path missing = Files.createDirectories(tmp.resolve("missing-files"));
        Files.writeString(missing.resolve(".env"), "COMPOSE_FILE='seatable-server.yml,mariadb.yml'\nCOMPOSE_PATH_SEPARATOR=','\n");
        String which = " (--compose-dir, default /opt/seatable-compose)\n";
        Map<Path, String> messages = Map.of(
                empty, "no .env in " + empty + ": is this SeaTable's compose directory?" + which,
                envOnly, "no compose file in " + envOnly + ": its .env names none (COMPOSE_FILE); is this SeaTable's compose directory?" + which,
                missing, "no compose file in " + missing + ": its .env names seatable-server.yml, mariadb.yml, and none exists; is this"
                        + " SeaTable's compose directory?" + which,
                tmp.resolve("nowhere"), "compose directory " + tmp.resolve("nowhere") + " does not exist on the local host" + which.stripTrailing() + "\n");
        for (var e : messages.entrySet()) {
            for (List<String> command : List.of(List.of("status"), List.of("status", "--offline"), List.of("doctor"), List.of("plan", "--to", "developer"),
                    List.of("plan", "--offline", "--to", "developer", "--version", "5.3.0"),
                    List.of("migrate", "--dry-run", "--offline", "--to", "developer", "--version", "5.3.0", "--script", tmp.resolve("s.sh").toString()))) {
                List<String> args = new ArrayList<>(command);
                args.addAll(List.of("--compose-dir", e.getKey().toString()));
                LocalMigrationIT.Run r = LocalMigrationIT.cli(args.toArray(String[]::new));
                assertThat(r.exit()).as(args + ": " + r.out() + r.err()).isEqualTo(2);
                assertThat(r.err()).as(args.toString()).isEqualTo("seatable-migrate: " + e.getValue());
                assertThat(r.out()).as(args.toString()).doesNotContain("[fail]").doesNotContain("PROBLEM");
                assertNoJava(r, args.toString());
            }
        }
        LocalMigrationIT.Run copy = LocalMigrationIT.cli("plan", "--offline", "--from", empty.toString(), "--to", "developer", "--version", "5.3.0");
        assertThat(copy.exit()).isEqualTo(2);
        assertThat(copy.err()).isEqualTo("seatable-migrate: no .env in " + empty + ": is this SeaTable's compose directory? (--from)\n");
    }

    @Test
    void commonFailuresNeverShowAJavaClassName() throws Exception {
        Path notJson = Files.writeString(tmp.resolve("plan.json"), "not a plan\n");
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        List<String[]> lines = List.of(
                new String[] {"migrate", "--plan", notJson.toString(), "--yes", "--compose-dir", EXAMPLE},
                new String[] {"migrate", "--plan", tmp.resolve("none.json").toString(), "--yes"},
                new String[] {"plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE, "--out", dir.toString()},
                new String[] {"plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE, "--report",
                        dir.resolve("no/such/dir/r.md").toString()},
                new String[] {"status", "--inventory", tmp.resolve("none.ini").toString()},
                new String[] {"rollback", "--backup-dir", dir.toString(), "--compose-dir", EXAMPLE, "--yes"},
                new String[] {"backups", "prune", "--keep", "x"},
                new String[] {"plan", "--to", "developer", "--health-timeout", "-5s"},
                new String[] {"--host", "ssh://root@127.0.0.1:99999", "status"},
                new String[] {"--host", "root@host.invalid", "--known-hosts", knownHosts.toString(), "--ssh-config", sshConfig.toString(),
                        "-i", tmp.resolve("no-key").toString(), "status"});
        for (String[] line : lines) {
            LocalMigrationIT.Run r = LocalMigrationIT.cli(line);
            assertThat(r.exit()).as(String.join(" ", line) + ": " + r.out() + r.err()).isNotZero();
            assertNoJava(r, String.join(" ", line));
        }
    }

    @Test
    void doctorNeverSuggestsAnOptionItDoesNotTake() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("compose"));
        try (var files = Files.list(ComposeProject.EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Files.writeString(dir.resolve("seatable-license.txt"), ""); // SeaTable counts an empty license as expired
        LocalMigrationIT.Run r = child(noEngine(), "doctor", "--compose-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(3);
        Path license = dir.resolve("seatable-license.txt");
        assertThat(r.out()).contains("  [fail]     license         license in place (" + license + ") is empty, which SeaTable counts as expired;"
                + " give a license at " + license + "\n");
        picocli.CommandLine doctor = CommandTree.full().getSubcommands().get("doctor");
        for (String line : r.out().split("\n")) {
            // A whole command line it suggests is checked as one (HintsTest); its options are that command's.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("--[a-z-]+").matcher(line.replaceAll("seatable-migrate .*", ""));
            while (m.find()) {
                assertThat(doctor.getCommandSpec().findOption(m.group())).as(line).isNotNull();
            }
        }
    }
}
