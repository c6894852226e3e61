package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline plans as a change board and an admin meet them, without Docker: the saved plan, its report and its script
 * carry the copy's checksums (and say they are the copy's), every word says what was read and for which host, and what
 * the copy cannot support is said once, before anything is written.
 */
class OfflinePlanTest {
    private static final String HOST_DIR = "/opt/seatable-compose";
    private static final List<String> FILES = List.of(".env", "mariadb.yml", "seatable-server.yml", "seatable-license.txt");

    @TempDir
    Path tmp;
    private Path copy;

    @BeforeEach
    void aCopy() throws Exception {
        copy = Files.createDirectories(tmp.resolve("copy"));
        try (Stream<Path> files = Files.list(ComposeProject.EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
    }

    private LocalMigrationIT.Run cli(String... args) {
        return LocalMigrationIT.cli(args);
    }

    private String sha(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private void appendToEnv(String text) throws Exception {
        Files.writeString(copy.resolve(".env"), text, java.nio.file.StandardOpenOption.APPEND);
    }

    /** The checksums a script's project guard requires: file name on the host -> sha256. */
    private static Map<String, String> guarded(String script) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("file_is " + Pattern.quote(HOST_DIR) + "/(\\S+) ([0-9a-f]{64})").matcher(script);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Test
    void aSavedOfflinePlanItsReportAndItsScriptCarryTheCopysChecksums() throws Exception {
        Path planFile = tmp.resolve("p.json");
        Path report = tmp.resolve("r.md");
        LocalMigrationIT.Run plan = cli("--host", "admin@db1", "plan", "--offline", "--from", copy.toString(), "--to", "developer", "--version",
                "5.3.0", "--out", planFile.toString(), "--report", report.toString());
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();

        JsonNode saved = new ObjectMapper().readTree(planFile.toFile());
        assertThat(saved.path("offline").asBoolean()).isTrue();
        assertThat(saved.path("copy").path("dir").asText()).isEqualTo(copy.toString());
        assertThat(saved.path("copy").path("plannedFor").asText()).isEqualTo("admin@db1:" + HOST_DIR);
        assertThat(saved.path("fingerprintsReadFrom").asText()).isEqualTo("the copy " + copy);
        String md = Files.readString(report);
        assertThat(md).contains("## Appendix C: fingerprints, read from the copy " + copy).doesNotContain("| missing |").doesNotContain("| no file |");
        for (String f : FILES) {
            String key = (f.equals("seatable-license.txt") ? "license" : f) + " sha256";
            assertThat(saved.path("fingerprints").path(key).asText()).as(key).isEqualTo(sha(copy.resolve(f)));
            assertThat(md).as(key).contains("| " + key + " | " + sha(copy.resolve(f)) + " |");
        }

        Path script = tmp.resolve("s.sh");
        LocalMigrationIT.Run dryRun = cli("migrate", "--plan", planFile.toString(), "--dry-run", "--script", script.toString());
        assertThat(dryRun.exit()).as(dryRun.out() + dryRun.err()).isZero();
        String text = Files.readString(script);
        Map<String, String> expected = new LinkedHashMap<>();
        FILES.forEach(f -> expected.put(f, saved.path("fingerprints").path((f.equals("seatable-license.txt") ? "license" : f) + " sha256").asText()));
        assertThat(guarded(text)).isEqualTo(expected);
        assertThat(text).contains("# Reviewed plan: sha256 " + sha(planFile));
        assertThat(text).contains("# Backup:       " + saved.path("runDir").asText() + "\n");
    }

    @Test
    void anOfflinePlanIsCarriedOutOnlyAsItsScriptFromTheSameCopy() throws Exception {
        Path planFile = tmp.resolve("p.json");
        Path script = tmp.resolve("s.sh");
        assertThat(cli("plan", "--offline", "--from", copy.toString(), "--to", "developer", "--version", "5.3.0", "--out", planFile.toString())
                .exit()).isZero();

        LocalMigrationIT.Run live = cli("migrate", "--plan", planFile.toString(), "--yes");
        assertThat(live.exit()).as(live.out() + live.err()).isEqualTo(2);
        assertThat(live.err()).contains(planFile + " was planned offline from the copy " + copy + ", planned for " + HOST_DIR + " on its host:"
                + " no host was observed").contains("'seatable-migrate migrate --plan " + planFile + " --dry-run'");

        LocalMigrationIT.Run otherCopy = cli("migrate", "--plan", planFile.toString(), "--dry-run", "--from", tmp.toString(), "--script", script.toString());
        assertThat(otherCopy.exit()).isEqualTo(2);
        assertThat(otherCopy.err()).contains("--from (the plan fixes it)");

        appendToEnv("# edited since the review\n");
        LocalMigrationIT.Run drifted = cli("migrate", "--plan", planFile.toString(), "--dry-run", "--offline", "--script", script.toString());
        assertThat(drifted.exit()).as(drifted.out() + drifted.err()).isEqualTo(3);
        assertThat(drifted.out()).contains("[fail]     reviewed-plan   .env sha256 is now " + sha(copy.resolve(".env")))
                .contains("the copy differs from the reviewed plan");
        assertThat(script).doesNotExist();
    }

    @Test
    void offlineOutputJsonAndTheManifestSayWhatWasReadAndForWhichHost() throws Exception {
        String said = "copy " + copy + ", planned for admin@db1:" + HOST_DIR;
        LocalMigrationIT.Run plan = cli("--host", "admin@db1", "plan", "--offline", "--from", copy.toString(), "--to", "developer", "--version", "5.3.0");
        assertThat(plan.out()).startsWith("SeaTable installation as read from the " + said + "\n").doesNotContain("local host");

        Path script = tmp.resolve("s.sh");
        LocalMigrationIT.Run dryRun = cli("--host", "admin@db1", "migrate", "--dry-run", "--offline", "--from", copy.toString(), "--to", "developer",
                "--version", "5.3.0", "--script", script.toString());
        assertThat(dryRun.exit()).as(dryRun.out() + dryRun.err()).isZero();
        assertThat(dryRun.out()).startsWith("seatable-migrate: dry-run of switching " + said + " to the Developer Edition\n")
                .doesNotContain("local host");
        String text = Files.readString(script);
        assertThat(text).contains("# Host:         " + said + " (recorded offline").contains("\"host\" : \"" + said + "\"")
                .doesNotContain("local host");

        List<JsonNode> events = JsonEvents.parse(cli("--json", "--host", "admin@db1", "plan", "--offline", "--from", copy.toString(), "--to",
                "developer", "--version", "5.3.0").out());
        assertThat(JsonEvents.ofType(events, "installation").get(0).path("installation").path("readFrom").asText()).isEqualTo(said);
        assertThat(JsonEvents.ofType(events, "plan").get(0).path("plan").path("copy").path("describe").asText()).isEqualTo(said);

        LocalMigrationIT.Run noHost = cli("plan", "--offline", "--from", copy.toString(), "--to", "developer", "--version", "5.3.0");
        assertThat(noHost.out()).contains("copy " + copy + ", planned for " + HOST_DIR + " on its host").doesNotContain("local host");
    }

    @Test
    void aNoOpOfflineIsWhatTheCopySays() throws Exception {
        Path env = copy.resolve(".env");
        Files.writeString(env, Files.readString(env).replace(LocalMigrationIT.EE, LocalMigrationIT.DE));

        LocalMigrationIT.Run plan = cli("plan", "--offline", "--from", copy.toString(), "--to", "developer", "--version", "5.3.0");
        LocalMigrationIT.Run dryRun = cli("migrate", "--dry-run", "--offline", "--from", copy.toString(), "--to", "developer", "--version", "5.3.0",
                "--script", tmp.resolve("s.sh").toString());

        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains("nothing to do: the copy says SeaTable runs the Developer Edition 5.3.0").doesNotContain("already runs");
        assertThat(dryRun.exit()).isZero();
        assertThat(dryRun.out()).contains("the copy says SeaTable runs the Developer Edition 5.3.0: nothing to do").doesNotContain("already runs");
    }

    @Test
    void anEnvThatCannotBeParsedIsOneMessageNamingTheLine() throws Exception {
        appendToEnv("BROKEN=\"abc\n");
        String message = "seatable-migrate: nothing can be planned from the copy " + copy + " (--from): " + copy.resolve(".env")
                + " cannot be parsed: line 11: the value of BROKEN has no closing \"; correct .env on the host and copy it again\n";
        for (List<String> command : List.of(List.of("plan", "--offline", "--to", "developer", "--version", "5.3.0"),
                List.of("migrate", "--dry-run", "--offline", "--to", "developer", "--version", "5.3.0", "--script", tmp.resolve("s.sh").toString()),
                List.of("status", "--offline"))) {
            List<String> args = new java.util.ArrayList<>(command);
            args.addAll(List.of("--from", copy.toString()));
            LocalMigrationIT.Run r = cli(args.toArray(String[]::new));
            assertThat(r.exit()).as(args + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).as(args.toString()).isEqualTo(message);
            assertThat(r.out()).as(args.toString()).doesNotContain("[fail]").doesNotContain("PROBLEM");
        }
        assertThat(tmp.resolve("s.sh")).doesNotExist();
    }

    /** Compose reads a quoted value over several lines; the message names where it starts and where it ends. */
    @Test
    void aMultiLineValueIsNamedByTheLinesItSpans() throws Exception {
        appendToEnv("SMTP_CA=\"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\"\nTIME_FORMAT=24\n");

        LocalMigrationIT.Run r = cli("plan", "--offline", "--from", copy.toString(), "--to", "developer", "--version", "5.3.0");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(copy.resolve(".env") + " cannot be parsed: lines 11-13: the value of SMTP_CA spans 3 lines")
                .doesNotContain("no closing");
    }

    @Test
    void fromNamingAFileSaysItIsNotADirectory() {
        LocalMigrationIT.Run r = cli("plan", "--offline", "--from", copy.resolve(".env").toString(), "--to", "developer", "--version", "5.3.0");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("seatable-migrate: the copy " + copy.resolve(".env") + " is a file, not a directory (--from): name the"
                + " folder that holds .env and the compose files\n");
    }

    /** Offline no registry names the target's digest: a pinned image is refused, saying why, rather than written unpinned. */
    @Test
    void aDigestPinInTheCopyIsNeverDroppedSilently() throws Exception {
        String pinned = LocalMigrationIT.EE + "@sha256:" + "0123456789abcdef".repeat(4);
        Path env = copy.resolve(".env");
        Files.writeString(env, Files.readString(env).replace(LocalMigrationIT.EE, pinned));
        Path script = tmp.resolve("s.sh");

        LocalMigrationIT.Run plan = cli("plan", "--offline", "--from", copy.toString(), "--to", "developer", "--version", "5.3.0");
        LocalMigrationIT.Run dryRun = cli("migrate", "--dry-run", "--offline", "--from", copy.toString(), "--to", "developer", "--version", "5.3.0",
                "--script", script.toString());

        assertThat(plan.exit()).isEqualTo(3);
        assertThat(plan.out()).contains("[fail]     target-version  SEATABLE_IMAGE in the copy's .env is pinned by digest (" + pinned + ")")
                .contains("Plan on the host with --pin-digest");
        assertThat(dryRun.exit()).isEqualTo(3);
        assertThat(script).doesNotExist();
    }
}
