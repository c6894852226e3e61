package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;
import seatablemigrate.core.fleet.FleetHost;
import seatablemigrate.core.fleet.Inventory;

/** The fleet's command line, without any host: listing, and every mistake as a usage error (exit 2) before anything runs. */
class FleetCommandLineTest {
    private static void assertUsage(LocalMigrationIT.Run r, String message) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static Path targets(Path dir) throws Exception {
        Path file = dir.resolve("hosts.txt");
        Files.writeString(file, "# customers\nroot@10.0.0.1\nssh://admin@10.0.0.2:2222\nlocal\n");
        return file;
    }

    @Test
    void listHostsShowsWhatWouldBeTouchedAndHow(@TempDir Path dir) throws Exception {
        Path file = targets(dir);
        LocalMigrationIT.Run r = LocalMigrationIT.cli("status", "--inventory", file.toString(), "--list-hosts", "--sudo");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("hosts (3):").containsPattern("root@10\\.0\\.0\\.1 +ssh://root@10\\.0\\.0\\.1 +/opt/seatable-compose +\\(sudo\\)")
                .containsPattern("ssh://admin@10\\.0\\.0\\.2:2222 +ssh://admin@10\\.0\\.0\\.2:2222 ");
        LocalMigrationIT.Run limited = LocalMigrationIT.cli("migrate", "--to", "developer", "--inventory", file.toString(), "--limit", "local,root@*",
                "--list-hosts", "--compose-dir", "/srv/seatable");
        assertThat(limited.out()).contains("hosts (2):").containsPattern("local +local +/srv/seatable").doesNotContain("admin@");
        LocalMigrationIT.Run json = LocalMigrationIT.cli("status", "--inventory", "a,b,", "--list-hosts", "--json");
        List<JsonNode> events = JsonEvents.parse(json.out());
        assertThat(events.get(0).path("hosts").findValuesAsText("target")).containsExactly("ssh://a", "ssh://b");
        assertThat(events.get(events.size() - 1).path("exitCode").asInt()).isZero();
    }

    @Test
    void fleetMistakesAreUsageErrors(@TempDir Path dir) throws Exception {
        String file = targets(dir).toString();
        assertUsage(LocalMigrationIT.cli("status", "--limit", "web"), "--limit, --forks, --serial, --max-fail, --list-hosts and --log-dir go with --inventory");
        assertUsage(LocalMigrationIT.cli("status", "--inventory", dir.resolve("nope.ini").toString()), "no such file or directory");
        assertUsage(LocalMigrationIT.cli("status", "--inventory", file, "--host", "root@x"), "--inventory names the hosts");
        assertUsage(LocalMigrationIT.cli("status", "--inventory", file, "--limit", "nosuch", "--list-hosts"), "--limit nosuch selects no host");
        assertUsage(LocalMigrationIT.cli("status", "--inventory", file, "--forks", "0"), "--forks 0: at least 1 host at a time");
        assertUsage(LocalMigrationIT.cli("status", "--inventory", file, "--serial", "0"), "--serial 0: each batch is a number of hosts");
        assertUsage(LocalMigrationIT.cli("status", "--inventory", file, "--max-fail", "0"), "--max-fail 0");
        assertUsage(LocalMigrationIT.cli("migrate", "--to", "developer", "--dry-run", "--script-dir", dir.toString()), "--script-dir is for a fleet dry-run");
        assertUsage(LocalMigrationIT.cli("migrate", "--to", "developer", "--inventory", file, "--dry-run", "--script", "x.sh"),
                "with --inventory use --script-dir");
        assertUsage(LocalMigrationIT.cli("migrate", "--to", "developer", "--inventory", file), "asks for confirmation, but there is no terminal: add --yes");
        assertUsage(LocalMigrationIT.cli("plan", "--to", "developer", "--inventory", file, "--report", "r.md"), "with --inventory each host's plan is in its log");
        assertUsage(LocalMigrationIT.cli("plan", "--inventory", file), "--to enterprise|developer is required");
        Path bad = dir.resolve("bad.ini");
        Files.writeString(bad, "[web\n");
        assertUsage(LocalMigrationIT.cli("status", "--inventory", bad.toString(), "--list-hosts"), "bad.ini");
        Path port = dir.resolve("port.ini");
        Files.writeString(port, "h1 ansible_port=ssh\n");
        assertUsage(LocalMigrationIT.cli("status", "--inventory", port.toString(), "--list-hosts"), "host h1: ansible_port ssh is not a port");
    }

    /** A fleet upgrade runs the same 'upgrade' on each host, with the user's options and none of the fleet's. */
    @Test
    void anUpgradeRunsAsTheSameCommandOnEachHost() {
        ParseResult parsed = CommandTree.forArgs(List.of("upgrade")).parseArgs("upgrade", "--inventory", "a,b,",
                "--version", "6.0.3", "--health-timeout", "45m", "--serial", "1,100%", "--yes", "--backup-dir", "/srv/backups");
        FleetHost host = Inventory.ofTargets("a,b,").hosts().get(0);
        List<String> args = new HostCommandLine(parsed).forHost(host, Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(args).startsWith("upgrade", "--host", host.target())
                .contains("--version=6.0.3", "--health-timeout=45m", "--yes", "--backup-dir=/srv/backups")
                .noneMatch(a -> a.startsWith("--inventory") || a.startsWith("--serial") || a.equals("--json"));
    }
}
