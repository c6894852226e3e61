package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An offline fleet dry-run ({@code migrate --inventory --dry-run --offline --from-dir COPIES}), without Docker or SSH:
 * each host reads its own copy in {@code COPIES/<inventory host name>/} and the hand-off is the live fleet dry-run's; a
 * host without a copy is skipped, saying why, and no inventory name reaches outside {@code COPIES} or the output folder.
 */
class OfflineFleetTest {
    @TempDir
    Path tmp;
    private Path copies;
    private Path out;
    private Path logs;

    @BeforeEach
    void copies() throws Exception {
        copies = tmp.resolve("copies");
        copyExample(copies.resolve("db1"));
        copyExample(copies.resolve("db2"));
        // A compose directory right beside COPIES: what the inventory name '..' would read if names could leave it.
        copyExample(tmp);
        out = tmp.resolve("handoff");
        logs = tmp.resolve("logs");
    }

    private static void copyExample(Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(ComposeProject.EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private LocalMigrationIT.Run fleet(String inventory, String... more) {
        List<String> args = new ArrayList<>(List.of("migrate", "--inventory", inventory, "--dry-run", "--offline", "--from-dir", copies.toString(),
                "--to", "developer", "--version", "5.3.0", "--script-dir", out.toString(), "--log-dir", logs.toString()));
        args.addAll(List.of(more));
        return LocalMigrationIT.cli(args.toArray(String[]::new));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void eachHostReadsItsOwnCopyAndTheHandoffIsTheLiveDryRuns() throws Exception {
        LocalMigrationIT.Run r = fleet("db1,admin@db2,db3,");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        // admin@db2 is named by its target: its copy is COPIES/admin@db2, which does not exist; db2's would not do.
        assertThat(names(out)).containsExactly("db1.sh", "inventory", "playbook.yml");
        String script = Files.readString(out.resolve("db1.sh"));
        assertThat(script).contains("# Host:         copy " + copies.resolve("db1") + ", planned for ssh://db1:/opt/seatable-compose (recorded offline");
        assertThat(Files.readString(out.resolve("inventory"))).contains("db1 ").doesNotContain("db3");
        assertThat(Files.readString(out.resolve("playbook.yml"))).contains("hosts: seatable_migrate");
        assertThat(r.out()).contains("db3: skipped: no copy of its compose directory in " + copies.resolve("db3") + " (--from-dir " + copies + ")")
                .contains("admin@db2: skipped: no copy of its compose directory in " + copies.resolve("admin@db2"))
                .containsPattern("db3 +- +- +skipped +- +-");
    }

    @Test
    void aHostWithACopyInItsFolderIsPlannedFromIt() throws Exception {
        Files.move(copies.resolve("db2"), copies.resolve("admin@db2"));

        LocalMigrationIT.Run r = fleet("db1,admin@db2,");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(names(out)).containsExactly("admin_db2.sh", "db1.sh", "inventory", "playbook.yml");
        assertThat(Files.readString(out.resolve("admin_db2.sh"))).contains("# Host:         copy " + copies.resolve("admin@db2")
                + ", planned for ssh://admin@db2:/opt/seatable-compose");
    }

    @Test
    void inventoryNamesNeverLeaveTheCopiesOrTheOutputFolder() throws Exception {
        List<String> before = names(tmp);

        LocalMigrationIT.Run r = fleet("db1,..,.,x@y/../..,");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("..: skipped: its inventory name '..' is a relative folder, not a name, so it names no folder in " + copies)
                .contains(".: skipped: its inventory name '.' is a relative folder")
                .contains("x@y/../..: skipped: its inventory name 'x@y/../..' has a '/'");
        assertThat(names(out)).containsExactly("db1.sh", "inventory", "playbook.yml");
        List<String> after = new ArrayList<>(before);
        after.addAll(List.of("handoff", "logs"));
        assertThat(names(tmp)).containsExactlyInAnyOrderElementsOf(after);
        assertThat(names(copies)).containsExactly("db1", "db2");
    }

    @Test
    void skippedHostsAreHostResultsInTheJsonStream() throws Exception {
        LocalMigrationIT.Run r = fleet("db1,db3,", "--json");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        List<JsonNode> results = JsonEvents.ofType(JsonEvents.parse(r.out()), "host-result");
        assertThat(results).extracting(e -> e.path("host").asText() + " " + e.path("outcome").asText()).containsExactlyInAnyOrder("db1 done",
                "db3 skipped");
        assertThat(results).filteredOn(e -> e.path("host").asText().equals("db3")).singleElement()
                .satisfies(e -> assertThat(e.path("message").asText()).startsWith("skipped: no copy of its compose directory in "));
    }

    @Test
    void anOfflineFleetUpgradeReadsEachHostsConfigurationFolderFromItsOwnCopy() throws Exception {
        Path confs = tmp.resolve("confs");
        Files.createDirectories(confs.resolve("db1"));
        Files.writeString(confs.resolve("db1/current_version.txt"), "5.3.4\n");
        Files.writeString(confs.resolve("db1/dtable_web_settings.py"), "# settings\n");
        Files.setPosixFilePermissions(confs.resolve("db1/dtable_web_settings.py"), PosixFilePermissions.fromString("rw-------"));
        // db2 has a copy of its compose directory but none of its configuration folder.

        LocalMigrationIT.Run r = LocalMigrationIT.cli("upgrade", "--inventory", "db1,db2,..,", "--dry-run", "--offline", "--from-dir",
                copies.toString(), "--seatable-conf-from-dir", confs.toString(), "--version", "6.0.3", "--log-dir", logs.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(names(logs)).containsExactly("db1.log", "db1.sh", "inventory", "playbook.yml");
        String script = Files.readString(logs.resolve("db1.sh"));
        assertThat(script).contains("# Host:         copy " + copies.resolve("db1") + ", planned for ssh://db1:/opt/seatable-compose")
                .contains("current_version.txt 644 f").contains("dtable_web_settings.py 600 f")
                .contains("seatable-conf/current_version.txt").doesNotContain("# settings");
        assertThat(Files.readString(logs.resolve("db1.log"))).contains("--seatable-conf-from=" + confs.resolve("db1"));
        assertThat(r.out()).contains("db2: skipped: no copy of its SeaTable configuration folder in " + confs.resolve("db2")
                        + " (--seatable-conf-from-dir " + confs + ")")
                .contains("..: skipped: its inventory name '..' is a relative folder");
        assertThat(Files.readString(logs.resolve("inventory"))).contains("db1 ").doesNotContain("db2");
    }

    @Test
    void anOfflineFleetUpgradeNeedsEachHostsConfigurationFolder() {
        List<List<String>> wrong = List.of(
                List.of("upgrade", "--inventory", "db1,", "--dry-run", "--offline", "--from-dir", copies.toString(), "--version", "6.0.3"),
                List.of("upgrade", "--inventory", "db1,", "--dry-run", "--offline", "--from-dir", copies.toString(), "--seatable-conf-from",
                        copies.toString(), "--version", "6.0.3"),
                List.of("upgrade", "--dry-run", "--offline", "--from", copies.toString(), "--seatable-conf-from-dir", copies.toString(),
                        "--version", "6.0.3"),
                List.of("migrate", "--inventory", "db1,", "--dry-run", "--offline", "--from-dir", copies.toString(), "--seatable-conf-from-dir",
                        copies.toString(), "--to", "developer", "--version", "5.3.0"),
                List.of("migrate", "--inventory", "db1,", "--dry-run", "--offline", "--from-dir", copies.toString(), "--via-upgrade", "--to",
                        "developer", "--version", "6.0.3"),
                List.of("upgrade", "--inventory", "db1,", "--dry-run", "--offline", "--version", "6.0.3"));
        List<String> said = List.of("add --seatable-conf-from-dir CONFS", "--from and --seatable-conf-from are one host's copies",
                "--from-dir and --seatable-conf-from-dir name the copies of a fleet's hosts", "--seatable-conf-from-dir is for an upgrade",
                "add --seatable-conf-from-dir CONFS", "--inventory --dry-run --offline --from-dir COPIES --seatable-conf-from-dir CONFS, with");
        for (int i = 0; i < wrong.size(); i++) {
            LocalMigrationIT.Run r = LocalMigrationIT.cli(wrong.get(i).toArray(String[]::new));
            assertThat(r.exit()).as(wrong.get(i) + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).as(wrong.get(i).toString()).contains(said.get(i));
        }
        assertThat(logs).doesNotExist();
    }

    @Test
    void anOfflineFleetIsADryRunFromCopies() {
        String hosts = "db1,db2,";
        List<List<String>> wrong = List.of(
                List.of("migrate", "--inventory", hosts, "--offline", "--from-dir", copies.toString(), "--to", "developer", "--version", "5.3.0", "--yes"),
                List.of("migrate", "--inventory", hosts, "--dry-run", "--offline", "--to", "developer", "--version", "5.3.0"),
                List.of("migrate", "--inventory", hosts, "--dry-run", "--offline", "--from", copies.toString(), "--to", "developer", "--version", "5.3.0"),
                List.of("migrate", "--dry-run", "--offline", "--from-dir", copies.toString(), "--to", "developer", "--version", "5.3.0"),
                List.of("migrate", "--inventory", hosts, "--dry-run", "--from-dir", copies.toString(), "--to", "developer", "--version", "5.3.0"));
        for (List<String> args : wrong) {
            LocalMigrationIT.Run r = LocalMigrationIT.cli(args.toArray(String[]::new));
            assertThat(r.exit()).as(args + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).as(args.toString()).containsAnyOf("--from-dir", "an offline fleet is a dry-run from copies");
        }
    }
}
