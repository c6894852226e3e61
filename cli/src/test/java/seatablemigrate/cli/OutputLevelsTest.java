package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.testing.Root;

/**
 * What the output levels and the terminal decide, as a user meets them: {@code -q} prints errors only, whatever the
 * command; a terminal gets coloured [pass]/[warn]/[fail], unless NO_COLOR is set (https://no-color.org); a pipe or a
 * log never gets colour. The terminal cases run the tool in a real pseudo-terminal (util-linux's {@code script}).
 */
class OutputLevelsTest {
    private static final String EXAMPLE = ComposeProject.EXAMPLE.toString();
    private static final String ESC = "\u001b";

    @TempDir
    Path tmp;

    @Test
    void quietPrintsNothingWhenAllIsWell() throws Exception {
        Path root = backups();
        List<String[]> runs = List.of(
                new String[] {"status", "--offline", "--compose-dir", EXAMPLE},
                new String[] {"plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE},
                new String[] {"migrate", "--dry-run", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE,
                        "--backup-dir", tmp.resolve("unused").toString(), "--script", tmp.resolve("audit.sh").toString()},
                new String[] {"backups", "--compose-dir", EXAMPLE, "--backup-dir", root.toString()},
                new String[] {"backups", "--compose-dir", EXAMPLE, "--backup-dir", tmp.resolve("nowhere").toString()});
        for (String[] args : runs) {
            assertQuiet(args);
        }
        assertThat(tmp.resolve("audit.sh")).as("the dry-run still wrote its script").isNotEmptyFile();
    }

    @Test
    void quietPruneStillPrunes() throws Exception {
        Assumptions.assumeTrue(Root.running(), Root.RUN_LOCK);
        Path root = backups();
        assertQuiet(new String[] {"backups", "prune", "--keep", "1", "--yes", "--compose-dir", EXAMPLE, "--backup-dir", root.toString()});
        assertThat(root.resolve("20261101-100000-to-developer")).as("prune still pruned").doesNotExist();
    }

    /** With -q and with --quiet, {@code args} succeeds and prints nothing. */
    private static void assertQuiet(String[] args) {
        for (String q : List.of("-q", "--quiet")) {
            List<String> line = new ArrayList<>(List.of(args));
            line.add(q);
            LocalMigrationIT.Run r = LocalMigrationIT.cli(line.toArray(String[]::new));
            assertThat(r.exit()).as(line + ": " + r.out() + r.err()).isZero();
            assertThat(r.out() + r.err()).as(String.join(" ", line)).isEmpty();
        }
    }

    /** A backup root with two finished runs of the example's project. */
    private Path backups() throws IOException {
        Path root = tmp.resolve("backups");
        Path compose = Path.of(EXAMPLE).toAbsolutePath().normalize();
        for (String id : List.of("20261101-100000-to-developer", "20261102-100000-to-enterprise")) {
            Path dir = Files.createDirectories(root.resolve(id).resolve("config"));
            Files.writeString(dir.resolve(".env"), "A=1\n");
            Files.writeString(root.resolve(id).resolve("manifest.json"), "{\"composeDir\": \"" + compose + "\", \"created\": \"2026-11-01T10:00:00Z\","
                    + " \"from\": {\"edition\": \"enterprise\", \"version\": \"5.3.4\", \"image\": \"seatable/seatable-enterprise:5.3.4\"},"
                    + " \"to\": {\"edition\": \"developer\", \"version\": \"5.3.0\"}, \"files\": [\"config/.env\"]}\n");
            Files.writeString(root.resolve(id).resolve("journal.log"), "2026-11-01T10:00:00Z RUN run composeDir=" + compose
                    + " from=enterprise:5.3.4 to=developer:5.3.0\n2026-11-01T10:01:00Z END DONE\n");
        }
        return root;
    }

    @Test
    void quietStillPrintsTheErrors() {
        LocalMigrationIT.Run refused = LocalMigrationIT.cli("-q", "migrate", "--dry-run", "--offline", "--to", "developer", "--version", "5.4.0",
                "--compose-dir", EXAMPLE, "--script", tmp.resolve("no.sh").toString());
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.out()).contains("[fail]     target-version").contains("Refused: ").doesNotContain("[pass]").doesNotContain("[deferred]");
        LocalMigrationIT.Run usage = LocalMigrationIT.cli("-q", "plan", "--to", "sideways");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("'sideways' is not an edition");
    }

    @Test
    void colourOnlyOnATerminalAndNotWithNoColor() {
        assertThat(Terminal.of(Map.of("TERM", "xterm-256color"), true)).isEqualTo(new Terminal(true, true, OptionalInt.empty()));
        assertThat(Terminal.of(Map.of(), true).colour()).isTrue();
        assertThat(Terminal.of(Map.of("NO_COLOR", "1"), true)).as("NO_COLOR set").isEqualTo(new Terminal(true, false, OptionalInt.empty()));
        assertThat(Terminal.of(Map.of("NO_COLOR", "0"), true).colour()).as("any value but empty counts").isFalse();
        assertThat(Terminal.of(Map.of("NO_COLOR", ""), true).colour()).as("NO_COLOR empty: as if unset").isTrue();
        assertThat(Terminal.of(Map.of("TERM", "dumb"), true)).isEqualTo(new Terminal(false, false, OptionalInt.empty()));
        assertThat(Terminal.of(Map.of("TERM", "xterm"), false)).as("a pipe or a file").isEqualTo(Terminal.NONE);
    }

    @Test
    void checkWordsAreColouredAndStillLineUp() {
        StringWriter plain = new StringWriter();
        StringWriter coloured = new StringWriter();
        for (boolean colour : new boolean[] {false, true}) {
            ConsoleReporter r = new ConsoleReporter(new TerminalWriter(new PrintWriter(colour ? coloured : plain)), colour, colour, false,
                    Output.Verbosity.NORMAL);
            r.check(CheckResult.pass("engine", "Docker 20.10 answers"));
            r.check(new CheckResult("license", CheckResult.Status.WARN, "expires in 9 days", java.util.Optional.empty()));
            r.check(new CheckResult("target-version", CheckResult.Status.FAIL, "5.4.0 is not 5.3.x \u001b[2J", java.util.Optional.empty()));
            r.check(new CheckResult("disk", CheckResult.Status.DEFERRED, "checked on the host", java.util.Optional.empty()));
        }
        assertThat(plain.toString()).doesNotContain(ESC);
        assertThat(coloured.toString()).contains(ESC + "[32m[pass]" + ESC + "[0m").contains(ESC + "[33m[warn]" + ESC + "[0m")
                .contains(ESC + "[31m[fail]" + ESC + "[0m").contains("  [deferred] disk");
        assertThat(coloured.toString().replaceAll(ESC + "\\[[0-9;]*m", "")).as("the same text, the same columns").isEqualTo(plain.toString());
        assertThat(coloured.toString()).as("the host's text is still escaped").contains("5.3.x \\x1b[2J");
    }

    /** The tool in a real terminal (a pty from {@code script}), with {@code env} added to its environment. */
    private static String inTerminal(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        String line = String.join(" ", command.stream().map(seatablemigrate.core.spi.Shell::quote).toList());
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", line, "/dev/null").redirectErrorStream(true);
        pb.environment().remove("NO_COLOR");
        pb.environment().remove("COLUMNS");
        pb.environment().put("TERM", "xterm");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void aTerminalGetsColourAndNoColorOrAPipeDoNot() throws Exception {
        String[] plan = {"plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE};
        String tty = inTerminal(Map.of(), plan);
        assertThat(tty).contains(ESC + "[32m[pass]" + ESC + "[0m").contains("Plan: Enterprise Edition 5.3.4 -> Developer Edition 5.3.0");
        String noColor = inTerminal(Map.of("NO_COLOR", "1"), plan);
        assertThat(noColor).contains("[pass]").doesNotContain(ESC + "[");
        assertThat(inTerminal(Map.of("NO_COLOR", "1"), "plan", "--help")).contains("Target:").doesNotContain(ESC + "[");
        assertThat(inTerminal(Map.of(), "plan", "--help")).as("the help is coloured too").contains(ESC + "[");
        LocalMigrationIT.Run pipe = LocalMigrationIT.cli(plan);
        assertThat(pipe.out()).contains("[pass]").doesNotContain(ESC);
    }

    @Test
    void columnsSetsTheHelpsWidthInATerminal() throws Exception {
        String help = inTerminal(Map.of("COLUMNS", "60", "NO_COLOR", "1"), "migrate", "--help");
        assertThat(help).contains("Target:").contains("ssh://user@host:port,");
        for (String line : help.lines().toList()) {
            if (!line.startsWith("  seatable-migrate ")) {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(60);
            }
        }
    }
}
