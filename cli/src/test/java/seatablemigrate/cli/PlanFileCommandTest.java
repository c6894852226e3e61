package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate --plan FILE} without an engine: a tampered plan file is a usage error naming the field (exit 2) before
 * any host is asked, and nothing is created where it points; a plan made for another machine is refused (exit 3)
 * naming both machines. (Every field with every kind of bad value: core's PlanFileTamperingTest.)
 */
class PlanFileCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = ComposeProject.EXAMPLE.toString();

    @TempDir
    Path tmp;

    /** A plan file in the form 'plan --out' writes, for this machine, switching the example to the Developer Edition. */
    private ObjectNode plan(Path root, String fingerprint) {
        ObjectNode o = JSON.createObjectNode();
        o.put("planFormat", 2).put("tool", "test").put("host", "the local host").put("composeDir", EXAMPLE).put("offline", false);
        o.putObject("hostIdentity").put("target", "local").put("fingerprint", fingerprint);
        o.putObject("current").put("compose", "docker compose");
        o.putObject("request").put("to", "developer").put("backup", true).put("backupDir", root.toString()).put("healthTimeoutSeconds", 300)
                .put("pinDigest", false);
        o.putObject("target").put("version", "5.3.0");
        o.put("refused", false).put("nothingToDo", false).put("runDir", root.resolve("20261130-100000-to-developer").toString())
                .put("fullRestart", false);
        o.putObject("fingerprints").put(".env sha256", "0".repeat(64));
        o.putArray("comparedSteps").add("prepare");
        o.putArray("comparedRollback");
        return o;
    }

    private Path write(JsonNode plan) throws Exception {
        Path file = tmp.resolve("plan.json");
        Files.write(file, JSON.writeValueAsBytes(plan));
        return file;
    }

    private static String thisMachine() throws Exception {
        Path id = Path.of("/etc/machine-id");
        assumeTrue(Files.isRegularFile(id), "this machine has a machine id");
        return "machine-id " + Files.readString(id).strip();
    }

    @Test
    void aTamperedFieldIsAUsageErrorNamingItAndNothingIsCreatedWhereItPoints() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("backups"));
        Map<String, List<Object>> bad = Map.of(
                "runDir", List.of("/etc/seatable-migrate-test-planted", "/etc/20261130-100000-to-developer", root.resolve("sub/20261130-100000-to-developer").toString()),
                "healthTimeoutSeconds", List.of(-1, 0, "abc", 86401, Long.MAX_VALUE),
                "composeDir", List.of("", "relative/dir", EXAMPLE + "/../" + ComposeProject.EXAMPLE.getFileName(), "/opt/sea\0table"),
                "backupDir", List.of("", "backups", "/etc"),
                "to", List.of("community", 5));
        bad.forEach((field, values) -> values.forEach(value -> {
            try {
                ObjectNode p = plan(root, "machine-id 0123456789abcdef0123456789abcdef");
                ObjectNode at = field.equals("runDir") || field.equals("composeDir") ? p : (ObjectNode) p.get("request");
                at.set(field, JSON.valueToTree(value));
                Path file = write(p);
                for (boolean json : List.of(false, true)) {
                    LocalMigrationIT.Run r = json ? LocalMigrationIT.cli("--json", "migrate", "--plan", file.toString(), "--yes")
                            : LocalMigrationIT.cli("migrate", "--plan", file.toString(), "--yes");
                    assertThat(r.exit()).as(field + "=" + value + ": " + r.out() + r.err()).isEqualTo(2);
                    assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
                    if (json) {
                        JsonNode result = JsonEvents.parse(r.out()).get(0);
                        assertThat(result.path("exitCode").asInt()).isEqualTo(2);
                        assertThat(result.path("message").asText()).contains(field);
                    } else {
                        assertThat(r.err()).as(field + "=" + value).contains(file + ": ").contains(field);
                    }
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }));
        assertThat(Path.of("/etc/seatable-migrate-test-planted")).doesNotExist();
        assertThat(Path.of("/etc/20261130-100000-to-developer")).doesNotExist();
        try (var s = Files.list(root)) {
            assertThat(s).as("nothing created in the backup root").isEmpty();
        }
    }

    @Test
    void aPlanMadeForAnotherMachineIsRefusedNamingBothAndNothingIsCreated() throws Exception {
        String here = thisMachine();
        Path root = Files.createDirectory(tmp.resolve("backups"));
        String elsewhere = "machine-id " + (here.endsWith("0") ? "1" : "0").repeat(32);
        Path file = write(plan(root, elsewhere));

        LocalMigrationIT.Run r = LocalMigrationIT.cli("migrate", "--plan", file.toString(), "--yes");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out()).contains("the plan was made for local (" + elsewhere + "), but this host is local (" + here + ")")
                .contains("nothing was changed").contains("sha256 ");
        try (var s = Files.list(root)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void optionsThatWouldChangeTheReviewedPlanAreAUsageErrorNamingEach() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("backups"));
        Path file = write(plan(root, "machine-id " + "0".repeat(32)));
        String[][] changing = {
            {"--to", "enterprise"}, {"--version", "5.3.1"}, {"--license", "/etc/hostname"}, {"--backup-dir", tmp.resolve("other").toString()},
            {"--health-timeout", "90s"}, {"--no-database-dump"}, {"--full-restart"}, {"--pin-digest"}, {"--compose-dir", "/srv/elsewhere"}};
        for (String[] option : changing) {
            List<String> args = new java.util.ArrayList<>(List.of("migrate", "--plan", file.toString(), "--yes"));
            args.addAll(List.of(option));
            LocalMigrationIT.Run r = LocalMigrationIT.cli(args.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", option) + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", option)).contains("--plan carries what was reviewed").contains(option[0]);
        }
        LocalMigrationIT.Run two = LocalMigrationIT.cli("migrate", "--plan", file.toString(), "--yes", "--backup-dir", tmp.resolve("other").toString(),
                "--health-timeout", "90s");
        assertThat(two.err()).contains("--backup-dir " + tmp.resolve("other") + " (the plan has " + root + ")")
                .contains("--health-timeout 90s (the plan has 300s)");
        // The plan's own values change nothing: the run goes on to the host (here: the machine check), not a usage error.
        LocalMigrationIT.Run same = LocalMigrationIT.cli("migrate", "--plan", file.toString(), "--yes", "--backup-dir", root.toString(),
                "--health-timeout", "5m", "--compose-dir", EXAMPLE);
        assertThat(same.exit()).as(same.out() + same.err()).isNotEqualTo(2);
        try (var s = Files.list(root)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void aPlanFileOfTheFormatWithoutItsHostIsMadeAgain() throws Exception {
        ObjectNode old = plan(tmp, "machine-id 0123456789abcdef0123456789abcdef");
        old.remove("hostIdentity");
        old.put("planFormat", 1);
        LocalMigrationIT.Run r = LocalMigrationIT.cli("migrate", "--plan", write(old).toString(), "--yes");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("was written by an older seatable-migrate").contains("make the plan again");
    }

    /** An offline plan is saved for its audit script: a live 'migrate --plan' of it is refused (OfflinePlanTest has the rest). */
    @Test
    void anOfflinePlanIsSavedForItsScriptNotForALiveRun() {
        LocalMigrationIT.Run r = LocalMigrationIT.cli("plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE,
                "--out", tmp.resolve("plan.json").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("its audit script: seatable-migrate migrate --plan " + tmp.resolve("plan.json") + " --dry-run");
        LocalMigrationIT.Run live = LocalMigrationIT.cli("migrate", "--plan", tmp.resolve("plan.json").toString(), "--yes");
        assertThat(live.exit()).as(live.out() + live.err()).isEqualTo(2);
        assertThat(live.err()).contains("was planned offline");
    }

    /**
     * An upgrade planned offline ({@code plan --upgrade --out}) is carried out by {@code upgrade --plan} as a dry-run that
     * writes its audit script (and by {@code migrate --plan}, which carries out any plan); a switch's plan is not an
     * upgrade's, and options that would change the plan are refused.
     */
    @Test
    void anUpgradesPlanIsCarriedOutByUpgradePlan() throws Exception {
        Path copy = copyOfTheExample();
        Path conf = copyOfItsConfigurationFolder();
        Path upgrade = tmp.resolve("upgrade.json");
        Path script = tmp.resolve("upgrade.sh");
        LocalMigrationIT.Run planned = LocalMigrationIT.cli("plan", "--upgrade", "--offline", "--from", copy.toString(), "--seatable-conf-from",
                conf.toString(), "--version", "6.0.3", "--out", upgrade.toString());
        assertThat(planned.exit()).as(planned.out() + planned.err()).isZero();
        assertThat(planned.out()).contains("its audit script: seatable-migrate upgrade --plan " + upgrade + " --dry-run");

        LocalMigrationIT.Run live = LocalMigrationIT.cli("upgrade", "--plan", upgrade.toString(), "--yes");
        assertThat(live.exit()).isEqualTo(2);
        assertThat(live.err()).contains("Write its audit script with 'seatable-migrate upgrade --plan " + upgrade + " --dry-run'");
        LocalMigrationIT.Run changed = LocalMigrationIT.cli("upgrade", "--plan", upgrade.toString(), "--dry-run", "--version", "6.0.4",
                "--full-restart");
        assertThat(changed.exit()).isEqualTo(2);
        assertThat(changed.err()).contains("these options would change it: --version (the plan fixes it), --full-restart (the plan recreates"
                + " SeaTable's container alone)");
        assertThat(script).doesNotExist();

        LocalMigrationIT.Run dry = LocalMigrationIT.cli("upgrade", "--plan", upgrade.toString(), "--dry-run", "--offline", "--script", script.toString());
        assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("Carrying out the reviewed plan " + upgrade);
        assertThat(Files.readString(script)).contains("seatable/seatable-enterprise:6.0.3");

        Path other = tmp.resolve("other.sh");
        LocalMigrationIT.Run viaMigrate = LocalMigrationIT.cli("migrate", "--plan", upgrade.toString(), "--dry-run", "--script", other.toString());
        assertThat(viaMigrate.exit()).as(viaMigrate.out() + viaMigrate.err()).isZero();
        assertThat(other).exists();

        Path sw = tmp.resolve("switch.json");
        LocalMigrationIT.Run switchPlan = LocalMigrationIT.cli("plan", "--offline", "--from", copy.toString(), "--to", "developer", "--version",
                "5.3.0", "--out", sw.toString());
        assertThat(switchPlan.exit()).as(switchPlan.out() + switchPlan.err()).isZero();
        LocalMigrationIT.Run notAnUpgrade = LocalMigrationIT.cli("upgrade", "--plan", sw.toString(), "--dry-run");
        assertThat(notAnUpgrade.exit()).isEqualTo(2);
        assertThat(notAnUpgrade.err()).contains(sw + " plans a switch to the Developer Edition, not an upgrade: carry it out with"
                + " 'seatable-migrate migrate --plan " + sw + "'");
    }

    /** Every option that would change a reviewed plan is named, for both commands that carry plans out; nothing runs. */
    @Test
    void everyOptionThatWouldChangeAPlanIsNamed() throws Exception {
        Path copy = copyOfTheExample();
        Path conf = copyOfItsConfigurationFolder();
        Path sw = tmp.resolve("switch.json");
        Path up = tmp.resolve("upgrade.json");
        assertThat(LocalMigrationIT.cli("plan", "--offline", "--from", copy.toString(), "--to", "developer", "--version", "5.3.0", "--out",
                sw.toString()).exit()).isZero();
        assertThat(LocalMigrationIT.cli("plan", "--upgrade", "--offline", "--from", copy.toString(), "--seatable-conf-from", conf.toString(),
                "--version", "6.0.3", "--out", up.toString()).exit()).isZero();
        String common = "--from (the plan fixes it), --seatable-conf-from (the plan fixes it), --host admin@elsewhere (the plan is for ";
        String rest = "--compose-dir /srv/other (the plan has /opt/seatable-compose), --backup-dir /srv/backups (the plan has"
                + " /opt/seatable-backup), --health-timeout 77s (the plan has ";

        LocalMigrationIT.Run m = LocalMigrationIT.cli("--host", "admin@elsewhere", "--compose", "standalone", "--compose-dir", "/srv/other",
                "migrate", "--plan", sw.toString(), "--dry-run", "--to", "enterprise", "--version", "5.3.1", "--license", "l.txt", "--from",
                copy.toString(), "--seatable-conf-from", conf.toString(), "--backup-dir", "/srv/backups", "--health-timeout", "77s",
                "--full-restart", "--pin-digest", "--no-database-dump", "--via-upgrade");
        assertThat(m.exit()).as(m.out() + m.err()).isEqualTo(2);
        assertThat(m.err()).contains("these options would change it: --to (the plan fixes it), --version (the plan fixes it), --license (the"
                        + " plan fixes it), " + common).contains(rest)
                .contains("s), --compose standalone (the plan has plugin), --via-upgrade (the plan was made without it), --full-restart (the plan"
                        + " recreates SeaTable's container alone), --pin-digest (the plan was made without it), --no-database-dump (the plan"
                        + " dumps the databases); leave them out");

        LocalMigrationIT.Run u = LocalMigrationIT.cli("--host", "admin@elsewhere", "--compose", "standalone", "--compose-dir", "/srv/other",
                "upgrade", "--plan", up.toString(), "--dry-run", "--version", "6.0.4", "--download-release-files", "--from", copy.toString(),
                "--seatable-conf-from", conf.toString(), "--backup-dir", "/srv/backups", "--health-timeout", "77s", "--full-restart", "--pin-digest");
        assertThat(u.exit()).as(u.out() + u.err()).isEqualTo(2);
        assertThat(u.err()).contains("these options would change it: --version (the plan fixes it), --download-release-files (the plan fixes"
                        + " it), " + common).contains(rest)
                .contains("s), --compose standalone (the plan has plugin), --full-restart (the plan recreates SeaTable's container alone),"
                        + " --pin-digest (the plan was made without it); leave them out, or make the plan again with them: seatable-migrate plan"
                        + " --upgrade --out FILE");
        LocalMigrationIT.Run files = LocalMigrationIT.cli("upgrade", "--plan", up.toString(), "--dry-run", "--release-files", tmp.toString());
        assertThat(files.exit()).isEqualTo(2);
        assertThat(files.err()).contains("these options would change it: --release-files (the plan fixes it);");
        LocalMigrationIT.Run offline = LocalMigrationIT.cli("upgrade", "--plan", up.toString(), "--dry-run", "--offline", "--script",
                tmp.resolve("s.sh").toString());
        assertThat(offline.exit()).as("--offline next to an offline plan changes nothing: " + offline.err()).isZero();
    }

    /** A copy of the example's compose directory, as an offline plan reads it. */
    private Path copyOfTheExample() throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("copy"));
        try (var files = Files.list(ComposeProject.EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    /** A copy of its SeaTable configuration folder (the 5.3.4 stamp), as an offline upgrade reads it. */
    private Path copyOfItsConfigurationFolder() throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("current_version.txt"), "5.3.4\n");
        return conf;
    }
}
