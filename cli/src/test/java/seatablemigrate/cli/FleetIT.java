package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fleets on the isolated test hosts (scripts/test-env.d/fleet-hosts): three hosts, each with its own sshd and Docker
 * engine and a SeaTable stack under the real container names, read from an Ansible inventory (through
 * ansible-inventory, which the test environment installs). The fleet hosts are this class's alone, so it runs in
 * whichever end-to-end fork gets it, beside the other forks' classes (it.forks in pom.xml).
 */
class FleetIT {
    private static final String EE = LocalMigrationIT.EE;
    private static final String DE = LocalMigrationIT.DE;
    private Path dir;

    @BeforeEach
    void dir() throws Exception {
        dir = Files.createTempDirectory("fleet-run-");
    }

    @AfterEach
    void clean() {
        ComposeProject.Docker.run(Path.of("/"), 60, "rm", "-rf", dir.toString());
    }

    private static List<String> args(Path inventory, String... more) {
        List<String> all = new ArrayList<>(List.of(more));
        all.addAll(List.of("--inventory", inventory.toString(), "--known-hosts", FleetHosts.KNOWN_HOSTS.toString()));
        return all;
    }

    private static LocalMigrationIT.Run cli(List<String> args) {
        return LocalMigrationIT.cli(args.toArray(String[]::new));
    }

    private static Map<String, String> envs(FleetHosts f) {
        Map<String, String> m = new LinkedHashMap<>();
        f.hosts.forEach(h -> m.put(h.name(), h.env()));
        return m;
    }

    @Test
    void aFleetInDifferentStatesSwitchesBothWaysWhileABrokenHostRollsBackAlone() throws Exception {
        // h1 Enterprise, h2 Developer, h3 Enterprise whose next start fails.
        try (FleetHosts f = FleetHosts.withStacks(EE, DE, EE)) {
            Path inventory = f.inventory(dir);
            Map<String, String> before = envs(f);
            f.host("h3").breakNextStart();

            LocalMigrationIT.Run r = cli(args(inventory, "migrate", "--to", "developer", "--version", "5.3.0", "--yes", "--json",
                    "--health-timeout", "15s", "--log-dir", dir.resolve("logs").toString()));

            assertThat(r.exit()).as("the worst host's code: rolled back\n" + r.out() + r.err()).isEqualTo(4);
            List<JsonNode> events = JsonEvents.parse(r.out());
            assertThat(events.get(0).path("type").asText()).isEqualTo("fleet");
            assertThat(events.stream().map(e -> e.path("host").asText()).collect(Collectors.toSet())).isEqualTo(Set.of("all", "h1", "h2", "h3"));
            Map<String, String> outcomes = JsonEvents.ofType(events, "host-result").stream()
                    .collect(Collectors.toMap(e -> e.path("host").asText(), e -> e.path("outcome").asText()));
            assertThat(outcomes).isEqualTo(Map.of("h1", "done", "h2", "nothing-to-do", "h3", "rolled-back"));
            assertThat(events.stream().filter(e -> e.path("format").isInt()).count()).as("format once, on the first event").isEqualTo(1);
            JsonNode result = events.get(events.size() - 1);
            assertThat(result.path("host").asText()).isEqualTo("all");
            assertThat(result.path("exitCode").asInt()).isEqualTo(4);
            assertThat(result.path("hosts")).hasSize(3);
            assertThat(result.path("hosts").get(0).path("backup").asText()).startsWith(f.host("h1").backups().toString());
            assertThat(result.path("hosts").get(1).path("from").asText()).isEqualTo("developer 5.3.0");
            FleetHosts.Host h1 = f.host("h1");
            assertThat(h1.image()).isEqualTo(DE);
            assertThat(h1.health()).isEqualTo("healthy");
            assertThat(h1.env()).isEqualTo(before.get("h1").replace(EE, DE));
            assertThat(f.host("h2").env()).isEqualTo(before.get("h2"));
            FleetHosts.Host broken = f.host("h3");
            assertThat(broken.image()).isEqualTo(EE);
            assertThat(broken.health()).isEqualTo("healthy");
            assertThat(broken.env()).as("rolled back byte for byte").isEqualTo(before.get("h3"));
            assertThat(Files.readString(dir.resolve("logs/h3.log"))).contains("step rollback-verify finished").contains("result: rolled-back (exit 4)");
            assertThat(Files.readString(dir.resolve("logs/h1.log"))).contains("step verify finished").contains("result: done (exit 0)")
                    .doesNotContain("Example-Db-Pa55word-7f3a");

            // ... and back, as text with the summary table: h1 and h2 switch, h3 (never switched) has nothing to do.
            LocalMigrationIT.Run back = cli(args(inventory, "migrate", "--to", "enterprise", "--version", "5.3.4", "--yes", "--forks", "2",
                    "--log-dir", dir.resolve("logs-back").toString()));
            assertThat(back.exit()).as(back.out() + back.err()).isZero();
            assertThat(back.out()).containsPattern("h1 +developer 5\\.3\\.0 +enterprise 5\\.3\\.4 +done +0 +" + f.host("h1").backups())
                    .containsPattern("h2 +developer 5\\.3\\.0 +enterprise 5\\.3\\.4 +done +0 +" + f.host("h2").backups())
                    .containsPattern("h3 +enterprise 5\\.3\\.4 +- +nothing-to-do +0 +-")
                    .contains("3 hosts: 2 done, 1 nothing-to-do. Logs: " + dir.resolve("logs-back"));
            for (FleetHosts.Host h : f.hosts) {
                assertThat(h.image()).as(h.name()).isEqualTo(EE);
                assertThat(h.health()).as(h.name()).isEqualTo("healthy");
            }
            assertThat(h1.env()).isEqualTo(before.get("h1"));
            assertThat(f.host("h2").env()).isEqualTo(before.get("h2").replace(DE, EE));
        }
    }

    /**
     * A fleet upgrade (issue 25): every host dumps its own databases, upgrades to 6.0.3 and is verified; the summary names
     * each host's backup; a second run has nothing to do.
     */
    @Test
    void aFleetUpgradesEveryHostWithItsOwnDumpAndASecondRunHasNothingToDo() throws Exception {
        try (FleetHosts f = FleetHosts.withStacks(EE)) {
            Path inventory = f.inventory(dir);
            Map<String, String> before = envs(f);

            LocalMigrationIT.Run r = cli(args(inventory, "upgrade", "--version", "6.0.3", "--yes", "--health-timeout", "90s", "--log-dir",
                    dir.resolve("logs").toString()));

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("3 hosts: 3 done.");
            for (FleetHosts.Host h : f.hosts) {
                assertThat(r.out()).containsPattern(h.name() + " +enterprise 5\\.3\\.4 +enterprise 6\\.0\\.3 +done +0 +" + h.backups());
                assertThat(h.image()).as(h.name()).isEqualTo(UpgradeIT.EE6);
                assertThat(h.health()).as(h.name()).isEqualTo("healthy");
                assertThat(h.env()).as(h.name()).isEqualTo(before.get(h.name()).replace(EE, UpgradeIT.EE6));
                assertThat(Files.readString(h.composeDir().resolve("data/seatable-server/seatable/conf/current_version.txt")).strip())
                        .as(h.name()).isEqualTo("6.0.3");
                try (Stream<Path> runs = Files.list(h.backups())) {
                    Path run = runs.collect(Collectors.toList()).get(0);
                    assertThat(run.getFileName().toString()).endsWith("-upgrade-to-6.0.3");
                    assertThat(Files.readString(run.resolve("databases.sql"))).contains("-- Dump completed");
                }
            }
            assertThat(Files.readString(dir.resolve("logs/h2.log"))).contains("step verify finished").contains("result: done (exit 0)")
                    .doesNotContain("Example-Db-Pa55word-7f3a");

            LocalMigrationIT.Run again = cli(args(inventory, "upgrade", "--version", "6.0.3", "--yes", "--log-dir", dir.resolve("again").toString()));
            assertThat(again.exit()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).contains("3 hosts: 3 nothing-to-do.");
        }
    }

    @Test
    void maxFailStopsStartingHostsAndLeavesThemUntouched() throws Exception {
        try (FleetHosts f = FleetHosts.withStacks(EE)) {
            Path inventory = f.inventory(dir);
            Map<String, String> before = envs(f);
            f.host("h1").breakNextStart();

            LocalMigrationIT.Run r = cli(args(inventory, "migrate", "--to", "developer", "--version", "5.3.0", "--yes", "--forks", "1",
                    "--max-fail", "1", "--health-timeout", "15s", "--log-dir", dir.resolve("logs").toString()));

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
            assertThat(r.out()).contains("h2: not started: 1 host failed (--max-fail 1)").containsPattern("h3 +- +- +not-started +- +-")
                    .contains("3 hosts: 1 rolled-back, 2 not-started.");
            assertThat(envs(f)).isEqualTo(before);
            for (FleetHosts.Host h : f.hosts) {
                assertThat(h.image()).as(h.name()).isEqualTo(EE);
                assertThat(h.health()).as(h.name()).isEqualTo("healthy");
            }
            assertThat(dir.resolve("logs/h2.log")).as("a host never started has no log").doesNotExist();
            assertThat(f.host("h2").backups()).isEmptyDirectory();
        }
    }

    @Test
    void theGeneratedPlaybookReachesTheEndStateOfTheToolsOwnFleetRun() throws Exception {
        Path scripts = dir.resolve("handoff");
        try (FleetHosts f = FleetHosts.withStacks(EE)) {
            Path inventory = f.inventory(dir);
            Map<String, String> before = envs(f);
            LocalMigrationIT.Run dry = cli(args(inventory, "migrate", "--dry-run", "--to", "developer", "--version", "5.3.0", "--serial", "1,100%",
                    "--max-fail", "1", "--script-dir", scripts.toString(), "--log-dir", dir.resolve("logs").toString()));
            assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
            assertThat(dry.out()).contains("batch 1 of 2: 1 host").contains("Ansible hand-off in " + scripts + ": 3 host scripts, playbook.yml, inventory");
            assertThat(envs(f)).as("a dry-run changes nothing").isEqualTo(before);
            assertThat(scripts.resolve("playbook.yml")).content().contains("serial: [1, \"100%\"]").contains("max_fail_percentage: 0");
            assertThat(scripts.resolve("inventory")).content().contains("h1 ansible_host=10.232.1.2 ansible_port=2201 ansible_user=root")
                    .contains("ansible_ssh_common_args='-o UserKnownHostsFile=" + FleetHosts.KNOWN_HOSTS + "'");
            for (FleetHosts.Host h : f.hosts) {
                assertThat(scripts.resolve(h.name() + ".sh")).content().contains(h.composeDir().toString());
            }

            ComposeProject.Docker.Result play = ansiblePlaybook(scripts);
            assertThat(play.exit()).as(play.stdout() + play.stderr()).isZero();
            assertThat(play.stdout()).containsPattern("h1 +: ok=1 +changed=1 +unreachable=0 +failed=0");

            // The end state is the tool's own: .env byte for byte as its live switch writes it (the first test checks that),
            // the target healthy, and the tool itself, asked to switch the fleet now, has nothing to do on any host.
            for (FleetHosts.Host h : f.hosts) {
                assertThat(h.env()).as(h.name()).isEqualTo(before.get(h.name()).replace(EE, DE));
                assertThat(h.image() + " " + h.health()).as(h.name()).isEqualTo(DE + " healthy");
            }
            LocalMigrationIT.Run again = cli(args(inventory, "migrate", "--to", "developer", "--version", "5.3.0", "--yes",
                    "--log-dir", dir.resolve("logs-again").toString()));
            assertThat(again.exit()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).contains("3 hosts: 3 nothing-to-do.");
        }
    }

    private static ComposeProject.Docker.Result ansiblePlaybook(Path scripts) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("ansible-playbook", "-i", "inventory", "playbook.yml").directory(scripts.toFile());
        Path out = Files.createTempFile("ansible", ".out");
        Path err = Files.createTempFile("ansible", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        Process p = pb.start();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("ansible-playbook ends").isTrue();
        return new ComposeProject.Docker.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void ctrlCMidFleetLetsTheRunningHostRollBackAndStartsNoOther() throws Exception {
        try (FleetHosts f = FleetHosts.withStacks(EE)) {
            Path inventory = f.inventory(dir);
            Map<String, String> before = envs(f);
            f.host("h1").breakNextStart(); // h1 waits for health until Ctrl-C
            Path log = dir.resolve("fleet.out");
            List<String> cmd = new ArrayList<>(InterruptionIT.withSignalDefaults(List.of("java", "-jar",
                    Path.of("target/seatable-migrate.jar").toAbsolutePath().toString())));
            cmd.addAll(args(inventory, "migrate", "--to", "developer", "--version", "5.3.0", "--yes", "--forks", "1", "--health-timeout", "300s",
                    "--log-dir", dir.resolve("logs").toString()));
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.currentTimeMillis() + 120_000;
            Path h1 = dir.resolve("logs/h1.log");
            // h1 is inside its health wait when the run log beside its backup shows the wait's first progress line.
            while (!(Files.exists(h1) && Files.readString(h1).contains("step verify:") && ComposeProject.runInHealthWait(f.host("h1").backups()).isPresent())) {
                assertThat(proc.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.currentTimeMillis()).as("h1 reaches the health wait").isLessThan(deadline);
                ComposeProject.sleep(200);
            }
            ComposeProject.Docker.ok(Path.of("/"), 10, "kill", "-INT", Long.toString(proc.pid()));
            assertThat(proc.waitFor(180, TimeUnit.SECONDS)).isTrue();

            String out = Files.readString(log);
            assertThat(proc.exitValue()).as(out).isEqualTo(130);
            assertThat(out).containsPattern("h1 +enterprise 5\\.3\\.4 +developer 5\\.3\\.0 +interrupted +130")
                    .containsPattern("h2 +- +- +not-started").contains("(interrupted)");
            assertThat(Files.readString(h1)).contains("step rollback-verify finished").contains("result: interrupted (exit 130)");
            assertThat(envs(f)).as("every host as it was").isEqualTo(before);
            for (FleetHosts.Host h : f.hosts) {
                assertThat(h.image()).as(h.name()).isEqualTo(EE);
                assertThat(h.health()).as(h.name()).isEqualTo("healthy");
            }
        }
    }
}
