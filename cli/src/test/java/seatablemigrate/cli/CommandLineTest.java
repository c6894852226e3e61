package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.testing.Root;

/** The command line without an engine: bad input, offline plans and dry-runs on the bundled example. */
class CommandLineTest {
    private static final String EXAMPLE = ComposeProject.EXAMPLE.toString();
    private static final String PASSWORD = "Example-Db-Pa55word-7f3a";

    @TempDir
    Path tmp;

    @Test
    void badInputIsAUsageErrorWithAClearMessageAndNoStackTrace() {
        assertUsage(LocalMigrationIT.cli("migrate", "--to", "community", "--yes"), "'community' is not an edition");
        assertUsage(LocalMigrationIT.cli("plan", "--to", "developer", "--health-timeout", "soon"), "'soon' is not a duration");
        assertUsage(LocalMigrationIT.cli("status", "--host", "ftp://x"), "no backend serves --host ftp://x (known backends: local, ssh)");
        assertUsage(LocalMigrationIT.cli("migrate", "--to", "developer", "--offline", "--yes"), "--offline only works with --dry-run");
        assertUsage(LocalMigrationIT.cli("frobnicate"), "Unmatched argument");
        assertUsage(LocalMigrationIT.cli("plan"), "--to enterprise|developer is required");
    }

    /** An upgrade's own usage errors: each says why, before any host is asked (exit 2). */
    @Test
    void anUpgradesMistakesAreUsageErrors() {
        assertUsage(LocalMigrationIT.cli("plan", "--upgrade", "--to", "developer"), "--to is not for an upgrade: it keeps the edition that runs");
        assertUsage(LocalMigrationIT.cli("plan", "--upgrade", "--license", "x.txt"), "--license is not for an upgrade");
        assertUsage(LocalMigrationIT.cli("plan", "--upgrade", "--seatable-conf-from", "conf", "--version", "6.0.3"),
                "--seatable-conf-from names the copy of SeaTable's configuration folder an --offline upgrade reads");
        assertUsage(LocalMigrationIT.cli("plan", "--to", "developer", "--offline", "--seatable-conf-from", "conf", "--version", "5.3.0"),
                "--seatable-conf-from is for an upgrade (or --via-upgrade)");
        assertUsage(LocalMigrationIT.cli("plan", "--upgrade", "--no-database-dump"), "an upgrade always dumps the databases first");
        assertUsage(LocalMigrationIT.cli("upgrade", "--version", "6.0"), "--version 6.0 is not a version");
        assertUsage(LocalMigrationIT.cli("upgrade", "--script", "x.sh", "--yes"), "--script is for --dry-run");
        assertUsage(LocalMigrationIT.cli("upgrade", "--dry-run", "--fetch-backup", "b"), "--fetch-backup copies the backup a live run makes");
        assertUsage(LocalMigrationIT.cli("upgrade", "--health-timeout", "0s", "--yes"), "'0s' is not a duration");
        assertUsage(LocalMigrationIT.cli("upgrade", "--to", "developer"), "Unknown options: '--to', 'developer'");
        assertUsage(LocalMigrationIT.cli("plan", "--to", "developer", "--release-files", "."), "--release-files is for an upgrade");
        assertUsage(LocalMigrationIT.cli("upgrade", "--release-files", "/nonexistent/releases", "--yes"),
                "--release-files: the release files /nonexistent/releases cannot be read");
        assertUsage(LocalMigrationIT.cli("plan", "--upgrade", "--release-files", "."), "holds no export of SeaTable's release files");
        assertUsage(LocalMigrationIT.cli("upgrade", "--release-files", ".", "--download-release-files", "--yes"),
                "--release-files DIR and --download-release-files exclude each other");
        assertUsage(LocalMigrationIT.cli("plan", "--upgrade", "--download-release-files", "--release-files", "."),
                "--release-files DIR and --download-release-files exclude each other");
        assertUsage(LocalMigrationIT.cli("plan", "--to", "developer", "--download-release-files"), "--download-release-files is for an upgrade");
    }

    private static void assertUsage(LocalMigrationIT.Run r, String message) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        LocalMigrationIT.Run before = LocalMigrationIT.cli("--compose-dir", EXAMPLE, "plan", "--offline", "--to", "developer", "--version", "5.3.0");
        LocalMigrationIT.Run after = LocalMigrationIT.cli("plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE);
        assertThat(before.exit()).as(before.out() + before.err()).isZero();
        assertThat(after.exit()).isZero();
        // Offline the installation is what the copy says (here the compose directory read as its own copy).
        String read = "SeaTable installation as read from the copy " + EXAMPLE + ", planned for " + EXAMPLE + " on its host";
        assertThat(before.out()).contains(read).contains("Plan: Enterprise Edition 5.3.4 -> Developer Edition 5.3.0");
        assertThat(after.out()).contains(read);
    }

    @Test
    void planJsonIsTheSamePlanWithoutSecrets() throws Exception {
        LocalMigrationIT.Run r = LocalMigrationIT.cli("plan", "--json", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE);
        assertThat(r.exit()).as(r.err()).isZero();
        var events = JsonEvents.parse(r.out());
        assertThat(JsonEvents.ofType(events, "check")).hasSize(15);
        assertThat(events.get(events.size() - 1).path("exitCode").asInt()).isZero();
        JsonNode plan = JsonEvents.ofType(events, "plan").get(0).path("plan");
        assertThat(plan.path("current").path("edition").asText()).isEqualTo("enterprise");
        assertThat(plan.path("target").path("image").asText()).isEqualTo("seatable/seatable-developer:5.3.0");
        assertThat(plan.path("refused").asBoolean()).isFalse();
        assertThat(plan.path("steps")).extracting(s -> s.path("id").asText())
                .containsExactly("pull", "prepare", "backup", "switch-image", "start", "verify");
        // Offline nothing is known of the host's images: the pull happens before anything stops, only where the image is missing.
        assertThat(plan.path("steps").get(0).path("changes").get(0).path("shell").asText())
                .isEqualTo("docker image inspect seatable/seatable-developer:5.3.0 >/dev/null 2>&1 || docker pull seatable/seatable-developer:5.3.0");
        assertThat(plan.path("checks").get(0).path("status").asText()).isEqualTo("deferred");
        assertThat(r.out()).doesNotContain(PASSWORD);
    }

    @Test
    void offlineWithoutAVersionIsAUsageError() throws Exception {
        LocalMigrationIT.Run r = LocalMigrationIT.cli("plan", "--offline", "--to", "developer", "--compose-dir", EXAMPLE);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--offline needs --version X.Y.Z");
        LocalMigrationIT.Run json = LocalMigrationIT.cli("--json", "plan", "--offline", "--to", "developer", "--compose-dir", EXAMPLE);
        assertThat(json.exit()).isEqualTo(2);
        var events = JsonEvents.parse(json.out());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("outcome").asText()).isEqualTo("usage");
        assertThat(events.get(0).path("exitCode").asInt()).isEqualTo(2);
    }

    @Test
    void everyCommandAnswersHelpWithExitZeroAndABareCallIsAUsageError() {
        for (String command : List.of("status", "plan", "migrate", "backups", "rollback")) {
            for (String flag : List.of("--help", "-h")) {
                LocalMigrationIT.Run r = LocalMigrationIT.cli(command, flag);
                assertThat(r.exit()).as(command + " " + flag + ": " + r.err()).isZero();
                assertThat(r.out()).contains("Usage: seatable-migrate " + command);
            }
        }
        assertThat(LocalMigrationIT.cli("--help").exit()).isZero();
        LocalMigrationIT.Run bare = LocalMigrationIT.cli();
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.err()).contains("Usage: seatable-migrate").contains("a command is needed");
        LocalMigrationIT.Run both = LocalMigrationIT.cli("-q", "-v", "plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE);
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("-q (errors only) and -v (every command) contradict each other");
    }

    @Test
    void jsonStreamsCarryTheirFormatAndHostAndPlanTellsPendingFromNothingToDo() throws Exception {
        LocalMigrationIT.Run r = LocalMigrationIT.cli("--json", "plan", "--detailed-exitcode", "--offline", "--to", "developer", "--version", "5.3.0",
                "--compose-dir", EXAMPLE);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(10);
        var events = JsonEvents.parse(r.out());
        assertThat(events.get(0).path("format").asInt()).isEqualTo(1);
        assertThat(events.subList(1, events.size())).allSatisfy(e -> assertThat(e.has("format")).isFalse());
        assertThat(events).allSatisfy(e -> assertThat(e.path("host").asText()).isEqualTo("local"));
        assertThat(events.get(events.size() - 1).path("outcome").asText()).isEqualTo("changes-pending");
        LocalMigrationIT.Run same = LocalMigrationIT.cli("plan", "--detailed-exitcode", "--offline", "--to", "enterprise", "--version", "5.3.4",
                "--compose-dir", EXAMPLE);
        assertThat(same.exit()).as(same.out()).isZero();
        assertThat(same.out()).contains("nothing to do");
        assertThat(LocalMigrationIT.cli("plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE).exit()).isZero();
        LocalMigrationIT.Run usage = LocalMigrationIT.cli("--json", "--host", "admin@db1", "plan", "--to", "sideways");
        assertThat(JsonEvents.parse(usage.out())).singleElement().satisfies(e -> {
            assertThat(e.path("host").asText()).isEqualTo("admin@db1");
            assertThat(e.path("format").asInt()).isEqualTo(1);
        });
    }

    @Test
    void examplesInHelpAreNeverBrokenInsideACommandLine() {
        LocalMigrationIT.Run status = LocalMigrationIT.cli("status", "--help");
        assertThat(status.out()).contains("  seatable-migrate status --json | jq -r 'select(.type==\"installation\") | .installation.edition'\n");
        LocalMigrationIT.Run migrate = LocalMigrationIT.cli("migrate", "-h");
        assertThat(migrate.out()).contains("  seatable-migrate --host admin@db1 --sudo migrate --to developer --fetch-backup ./backups/db1\n");
    }

    @Test
    void theVersionIsThePomsVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<parent>.*?<version>([^<]+)</version>", java.util.regex.Pattern.DOTALL).matcher(pom);
        assertThat(m.find()).isTrue();
        assertThat(LocalMigrationIT.cli("--version").out().strip()).isEqualTo("seatable-migrate " + m.group(1));
    }

    @Test
    void planReportsForTheChangeBoardInMarkdownAndHtml() throws Exception {
        Path md = tmp.resolve("plan.md");
        Path html = tmp.resolve("plan.html");
        for (Path f : List.of(md, html)) {
            LocalMigrationIT.Run r = LocalMigrationIT.cli("plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE,
                    "--report", f.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("Report written to " + f);
        }
        assertThat(Files.readString(md)).startsWith("# Change request: switch SeaTable in " + EXAMPLE + " to the Developer Edition 5.3.0\n\n> **READY WITH 7 CHECKS DEFERRED TO THE HOST**: Planned offline from a"
                        + " copy: the audit script checks engine, compose, current-state, target-image, database, backup-root and disk-space on the host"
                        + " before its first change, and stops there if one fails.\n")
                .contains("| **Host** | " + EXAMPLE + " on its host |").contains("| **Read from (offline)** | copy " + EXAMPLE + "; nothing of the host was observed")
                .contains("| **Saved plan (sha256)** | none: this plan was not saved").contains("## Expected downtime (an estimate) and what users see")
                .contains("## The way back").contains("seatable-migrate rollback --compose-dir " + EXAMPLE + " --backup-dir /opt/seatable-backup --backup ")
                .contains("## Pre-flight checks").contains("| deferred | current-state |").contains("## Sign-off").contains("| Reviewer | | | |")
                .contains("docker compose up -d").contains("## Appendix B: the rollback").contains(".env sha256").contains("Universal App")
                .doesNotContain(PASSWORD);
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<pre>").contains("&amp;&amp;")
                .contains("<div class=\"banner deferred\" role=\"status\"><p class=\"verdict\">READY WITH 7 CHECKS DEFERRED TO THE HOST</p>")
                .contains("<td class=\"status deferred\">deferred</td>").doesNotContain("break-all").doesNotContain(PASSWORD).doesNotContain("<script");
        assertThat(LocalMigrationIT.cli("plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE,
                "--report", tmp.resolve("plan.pdf").toString()).exit()).isEqualTo(2);
    }

    @Test
    void completionOffersValuesAsTheyAreTyped() {
        LocalMigrationIT.Run r = LocalMigrationIT.cli("generate-completion");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("(\"enterprise\" \"developer\")").contains("(\"auto\" \"plugin\" \"standalone\")")
                .doesNotContain("\"ENTERPRISE\"").doesNotContain("\"AUTO\"");
    }

    @Test
    void completionOffersBackupIdsAndSshHostsOfThisMachine() throws Exception {
        CompletionDriver shell = CompletionDriver.generate(tmp);
        Path root = tmp.resolve("backups");
        backup(root, "20261101-100000-to-developer", "2026-11-01T10:00:00Z", true);
        backup(root, "20261102-100000-to-enterprise", "2026-11-02T10:00:00Z", true);
        Files.createDirectories(root.resolve("not-a-backup"));
        Path sshConfig = tmp.resolve("ssh_config");
        Files.writeString(sshConfig, "Host cust-a cust-b *.example\n  User root\nhost !bad db1\nMatch all\n");

        assertThat(shell.bash("seatable-migrate rollback --backup-dir " + root + " --backup ")).containsExactly(
                "20261101-100000-to-developer", "20261102-100000-to-enterprise");
        assertThat(shell.bash("seatable-migrate rollback --backup-dir " + root + " --backup 20261102")).containsExactly(
                "20261102-100000-to-enterprise");
        assertThat(shell.bash("seatable-migrate --ssh-config " + sshConfig + " status --host cu")).containsExactly("cust-a", "cust-b");
        assertThat(shell.bash("seatable-migrate --ssh-config " + sshConfig + " status --host ")).containsExactly(
                "local", "cust-a", "cust-b", "db1");
        assertThat(shell.bash("seatable-migrate migrate --to d")).as("picocli's own candidates still answer").containsExactly("developer");
    }

    /** A backup folder as a run leaves it: manifest, journal (ended, or not), one saved file. */
    private static void backup(Path root, String id, String created, boolean ended) throws Exception {
        Path dir = Files.createDirectories(root.resolve(id).resolve("config"));
        Path compose = Path.of(EXAMPLE).toAbsolutePath().normalize();
        Files.writeString(dir.resolve(".env"), "A=1\n");
        Files.writeString(root.resolve(id).resolve("manifest.json"), "{\"composeDir\": \"" + compose + "\", \"created\": \"" + created + "\","
                + " \"from\": {\"edition\": \"enterprise\", \"version\": \"5.3.4\", \"image\": \"seatable/seatable-enterprise:5.3.4\"},"
                + " \"to\": {\"edition\": \"developer\", \"version\": \"5.3.0\"}, \"files\": [\"config/.env\"]}\n");
        Files.writeString(root.resolve(id).resolve("journal.log"), "2026-11-01T10:00:00Z RUN run composeDir=" + compose
                + " from=enterprise:5.3.4 to=developer:5.3.0\n2026-11-01T10:00:01Z BEGIN stop\n" + (ended ? "2026-11-01T10:01:00Z END DONE\n" : ""));
    }

    @Test
    void pruneKeepsTheNewestAndNeverAnUnfinishedRun() throws Exception {
        Assumptions.assumeTrue(Root.running(), Root.RUN_LOCK);
        Path root = tmp.resolve("backups");
        backup(root, "20261101-100000-to-developer", "2026-11-01T10:00:00Z", true);
        backup(root, "20261102-100000-to-enterprise", "2026-11-02T10:00:00Z", false);
        backup(root, "20261103-100000-to-developer", "2026-11-03T10:00:00Z", true);
        backup(root, "20261129-100000-to-enterprise", "2026-11-29T10:00:00Z", true);
        Files.createDirectories(root.resolve("not-a-backup"));

        LocalMigrationIT.Run none = LocalMigrationIT.cli("backups", "prune", "--keep", "1", "--older-than", "3650d", "--yes",
                "--compose-dir", EXAMPLE, "--backup-dir", root.toString());
        assertThat(none.exit()).as(none.out() + none.err()).isZero();
        assertThat(none.out()).contains("nothing to prune");

        LocalMigrationIT.Run r = LocalMigrationIT.cli("backups", "prune", "--keep", "1", "--yes", "--compose-dir", EXAMPLE, "--backup-dir", root.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("removed 2 backup(s)");
        try (var left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("20261102-100000-to-enterprise", "20261129-100000-to-enterprise", "not-a-backup");
        }
        assertThat(LocalMigrationIT.cli("backups", "prune", "--keep", "1", "--compose-dir", EXAMPLE, "--backup-dir", root.toString()).exit())
                .as("no terminal and no --yes").isEqualTo(2);
    }

    /** As root (CI): {@code nobody} plants a newer backup with a valid manifest in a shared, sticky, world-writable root. */
    @Test
    void aBackupOfAnotherUserIsNeitherListedNorRestoredNorKeptByPrune() throws Exception {
        Assumptions.assumeTrue(Root.running(), "needs root to give files away");
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 01777);
        backup(shared, "20261101-100000-to-developer", "2026-11-01T10:00:00Z", true);
        backup(shared, "20261102-100000-to-developer", "2026-11-02T10:00:00Z", true);
        Process chown = new ProcessBuilder("chown", "-R", "-h", "65534:65534", shared.resolve("20261102-100000-to-developer").toString()).start();
        assertThat(chown.waitFor()).isZero();

        LocalMigrationIT.Run list = LocalMigrationIT.cli("backups", "--compose-dir", EXAMPLE, "--backup-dir", shared.toString());
        assertThat(list.exit()).as(list.out() + list.err()).isZero();
        assertThat(list.out()).contains("20261101-100000-to-developer").doesNotContain("20261102-100000-to-developer").contains("1 backup(s)");

        LocalMigrationIT.Run rollback = LocalMigrationIT.cli("rollback", "--backup", "20261102-100000-to-developer", "--yes",
                "--compose-dir", EXAMPLE, "--backup-dir", shared.toString());
        assertThat(rollback.exit()).as(rollback.out() + rollback.err()).isEqualTo(3);
        assertThat(rollback.out() + rollback.err()).contains("20261102-100000-to-developer").contains("uid 65534")
                .doesNotContain("Exception");

        LocalMigrationIT.Run prune = LocalMigrationIT.cli("backups", "prune", "--keep", "1", "--yes", "--compose-dir", EXAMPLE,
                "--backup-dir", shared.toString());
        assertThat(prune.exit()).as(prune.out() + prune.err()).isZero();
        assertThat(shared.resolve("20261101-100000-to-developer")).as("ours is the newest of ours: kept").isDirectory();
        assertThat(shared.resolve("20261102-100000-to-developer")).as("not ours: never touched").isDirectory();
    }

    @Test
    void backupsWarnsAboutAMissingFolder() {
        LocalMigrationIT.Run r = LocalMigrationIT.cli("backups", "--backup-dir", tmp.resolve("nowhere").toString(), "--compose-dir", EXAMPLE);
        assertThat(r.exit()).isZero();
        assertThat(r.out() + r.err()).contains("the backup folder " + tmp.resolve("nowhere") + " does not exist");
    }

    @Test
    void malformedInputIsAUsageErrorWithAResultEvent() throws Exception {
        for (String[] args : List.of(
                new String[] {"plan", "--offline", "--to", "developer", "--version", "6.1", "--compose-dir", EXAMPLE},
                new String[] {"plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", "/nonexistent/seatable"},
                new String[] {"plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE, "--health-timeout", "3000000h"},
                new String[] {"plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE, "--health-timeout", "99999999999999999999s"},
                new String[] {"plan", "--to", "sideways"})) {
            LocalMigrationIT.Run r = LocalMigrationIT.cli(args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
            String[] withJson = java.util.stream.Stream.concat(java.util.stream.Stream.of("--json"), java.util.Arrays.stream(args)).toArray(String[]::new);
            LocalMigrationIT.Run json = LocalMigrationIT.cli(withJson);
            var events = JsonEvents.parse(json.out());
            assertThat(events.get(events.size() - 1).path("type").asText()).isEqualTo("result");
            assertThat(events.get(events.size() - 1).path("exitCode").asInt()).isEqualTo(2);
        }
    }

    /** A copy of the example whose .env names {@code image} as SeaTable's image (a host can write any). */
    private Path copyWithImageName(String image) throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("compose-" + image.hashCode()));
        try (var files = Files.list(ComposeProject.EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path env = copy.resolve(".env");
        Files.writeString(env, Files.readString(env).replace("seatable/seatable-enterprise:5.3.4", image));
        return copy;
    }

    @Test
    void aLongImageNameIsAClearRefusalNeverAStackTrace() throws Exception {
        for (String image : List.of("seatable/" + "seatable-enterprise-".repeat(150) + "x:5.3.4", "seatable/seatable-enterprise:5.3.4" + "0".repeat(1 << 20),
                "seatable/" + "a-".repeat(1500) + "a:5.3.4")) {
            Path copy = copyWithImageName(image);
            LocalMigrationIT.Run r = LocalMigrationIT.cli("status", "--offline", "--compose-dir", copy.toString());
            assertThat(r.exit()).as(r.err().lines().limit(5).toList().toString()).isEqualTo(3);
            assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("Error").doesNotContain("\tat ")
                    .contains("Refused: no service in the compose files runs a SeaTable image; not a valid image reference: the image of service"
                            + " seatable-server (" + image.length() + " characters)");
            assertThat((r.out() + r.err()).length()).as("the name is not echoed a megabyte long").isLessThan(10_000);
        }
    }

    @Test
    void quietPrintsOnlyFailures() {
        LocalMigrationIT.Run ok = LocalMigrationIT.cli("-q", "plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE);
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).isEmpty();
        LocalMigrationIT.Run refused = LocalMigrationIT.cli("plan", "-q", "--offline", "--to", "developer", "--version", "5.4.0", "--compose-dir", EXAMPLE);
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.out()).contains("[fail]     target-version").contains("Refused: ").doesNotContain("[pass]");
    }

    @Test
    void offlineDryRunWritesAShellcheckCleanScriptAndChangesNothing() throws Exception {
        Path copy = tmp.resolve("compose");
        Files.createDirectories(copy);
        try (var files = Files.list(ComposeProject.EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        var before = snapshot(copy);
        Path script = tmp.resolve("audit.sh");
        LocalMigrationIT.Run r = LocalMigrationIT.cli("migrate", "--dry-run", "--offline", "--to", "developer", "--version", "5.3.0",
                "--compose-dir", copy.toString(), "--backup-dir", tmp.resolve("backup").toString(), "--script", script.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Dry run: nothing was changed. Audit script: " + script);
        assertThat(snapshot(copy)).isEqualTo(before);
        Path jsonScript = tmp.resolve("audit-json.sh");
        LocalMigrationIT.Run json = LocalMigrationIT.cli("migrate", "--json", "--dry-run", "--offline", "--to", "developer", "--version", "5.3.0",
                "--compose-dir", copy.toString(), "--backup-dir", tmp.resolve("backup").toString(), "--script", jsonScript.toString());
        assertThat(json.exit()).isZero();
        assertThat(JsonEvents.ofType(JsonEvents.parse(json.out()), "script").get(0).path("path").asText()).isEqualTo(jsonScript.toString());
        assertThat(tmp.resolve("backup")).doesNotExist();
        String text = Files.readString(script);
        assertThat(text).startsWith("#!/usr/bin/env bash").contains("set -euo pipefail")
                .contains("# Not observed when recording (checked by guards when this script runs):")
                .contains("fail_guard current-state").contains("wait_healthy developer 5.3.0 300")
                .doesNotContain(PASSWORD).doesNotContain("LicenceKEY");
        Process shellcheck = new ProcessBuilder("shellcheck", script.toString()).redirectErrorStream(true).start();
        String lint = new String(shellcheck.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(shellcheck.waitFor()).as(lint).isZero();
        assertThat(lint).isEmpty();
    }

    private static java.util.Map<String, String> snapshot(Path dir) throws Exception {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readString(f) + Files.getLastModifiedTime(f));
            }
        }
        return out;
    }
}
