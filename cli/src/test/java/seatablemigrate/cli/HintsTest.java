package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import seatablemigrate.backend.local.LocalHostBackend;
import seatablemigrate.core.backup.BackupPruning;
import seatablemigrate.core.backup.ReturnToBackup;
import seatablemigrate.core.model.EngineAnswer;
import seatablemigrate.core.plan.PlanFile;
import seatablemigrate.core.runfolder.RunPointer;

/**
 * Every command the tool suggests runs as written: each hint (the constants, the help's examples, the commands that
 * results print) is parsed by the real command line (a command named, nothing unmatched), and the ones that need no
 * host are run. The sources are searched for the text "seatable-migrate COMMAND", so a new hint cannot be left out.
 */
class HintsTest {
    private static final String EXAMPLE = ComposeProject.EXAMPLE.toString();
    private static final Path ROOT = ComposeProject.EXAMPLE.getParent().getParent();

    /** Text that names the tool and a word after it but suggests no command (a title, a lock holder, a journal line). */
    private static final List<String> NOT_HINTS = List.of("seatable-migrate script", "seatable-migrate plan file", "seatable-migrate does not know",
            "seatable-migrate run ", "seatable-migrate made", "seatable-migrate again", "seatable-migrate audit script",
            "seatable-migrate backups prune for ", "seatable-migrate doctor: ", "seatable-migrate for ", "seatable-migrate plan: ",
            "seatable-migrate rollback for ", "seatable-migrate rollback script", "by 'seatable-migrate rollback'", "seatable-migrate runs as",
            "seatable-migrate reads", "seatable-migrate tables with rows", "seatable-migrate rows", "seatable-migrate goes back");

    @TempDir
    Path tmp;

    /** The hints that are values: each as the user reads it. */
    private List<String> constants() {
        Path compose = Path.of("/opt/seatable compose");
        return List.of(EngineAnswer.PLAN_FROM_A_COPY, Main.TARGET_VERSION_HINT, BackupPruning.PRUNE_HINT, ReturnToBackup.LIST_BACKUPS, PlanFile.MAKE_AGAIN,
                PlanFile.MAKE_UPGRADE_AGAIN,
                RunPointer.rollbackCommand(new LocalHostBackend(), compose, Path.of("/srv/backups/20261125-101500-to-developer")));
    }

    /** The examples in every command's help (footers and descriptions), as printed. */
    private static List<String> helpExamples() {
        List<String> out = new ArrayList<>();
        collect(CommandTree.full(), out);
        return out;
    }

    private static void collect(CommandLine cl, List<String> out) {
        var usage = cl.getCommandSpec().usageMessage();
        Stream.concat(Stream.of(usage.footer()), Stream.of(usage.description())).map(String::strip)
                .map(l -> l.startsWith("source <(") ? l.substring("source <(".length(), l.length() - 1) : l)
                .filter(l -> l.startsWith("seatable-migrate ")).forEach(out::add);
        cl.getSubcommands().values().forEach(c -> collect(c, out));
    }

    /** Shell words of a hint without the program, its comment and a pipe; a placeholder in capitals filled in. */
    private List<String> words(String hint) {
        String line = hint.replaceAll("\\s+#.*$", "").replaceAll(" \\| .*$", "");
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        assertThat(words.remove(0)).as(hint).isEqualTo("seatable-migrate");
        Map<String, String> fill = Map.of("COPY", EXAMPLE, "EDITION", "developer", "X.Y.Z", "5.3.0", "FILE", tmp.resolve("plan.json").toString());
        return words.stream().map(w -> fill.getOrDefault(w, w)).toList();
    }

    /** picocli takes the hint: it names a command, and every word is matched. */
    private void assertAccepted(String hint) {
        CommandLine.ParseResult parsed;
        try {
            parsed = CommandTree.full().setCaseInsensitiveEnumValuesAllowed(true).parseArgs(words(hint).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("the hint '" + hint + "' is not a command line: " + e.getMessage(), e);
        }
        assertThat(parsed.subcommand()).as("a command in '" + hint + "'").isNotNull();
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            assertThat(p.unmatched()).as(hint).isEmpty();
        }
    }

    @Test
    void everyHintIsACommandLineTheToolTakes() throws Exception {
        List<String> hints = new ArrayList<>(constants());
        hints.addAll(helpExamples());
        hints.addAll(printed());
        assertThat(hints).hasSizeGreaterThan(20);
        hints.forEach(this::assertAccepted);

        // Complete: every text in the sources that reads like a suggested command is one of them.
        List<String> found = new ArrayList<>();
        Pattern literal = Pattern.compile("\"((?:[^\"\\\\\n]++|\\\\.)*+)\"");
        Pattern names = Pattern.compile("seatable-migrate [a-z-]+");
        for (String module : List.of("core", "backend-local", "backend-ssh", "backend-dryrun", "cli")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = literal.matcher(Files.readString(f));
                    while (m.find()) {
                        if (names.matcher(m.group(1)).find()) {
                            found.add(m.group(1));
                        }
                    }
                }
            }
        }
        assertThat(found).hasSizeGreaterThan(20);
        for (String text : found) {
            boolean hint = NOT_HINTS.stream().noneMatch(text::contains);
            if (hint) {
                String command = text.substring(text.indexOf("seatable-migrate ")).replace("\\\"", "\"");
                assertThat(hints.stream().anyMatch(h -> h.contains(command) || command.startsWith(h) || h.startsWith(command.strip())))
                        .as("'" + text + "' suggests a command this test does not check: add it").isTrue();
            }
        }
    }

    /** What results print: the end of an offline plan, and a saved plan's command. */
    private List<String> printed() throws Exception {
        List<String> out = new ArrayList<>();
        LocalMigrationIT.Run offline = LocalMigrationIT.cli("plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE,
                "--report", tmp.resolve("r.md").toString(), "--detailed-exitcode");
        assertThat(offline.exit()).as(offline.out() + offline.err()).isEqualTo(10);
        String last = offline.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).isEqualTo("plan ready; its audit script, to review and run on the host: seatable-migrate migrate --dry-run --offline"
                + " --to developer --version 5.3.0 --compose-dir " + EXAMPLE);
        out.add(last.substring(last.indexOf("seatable-migrate ")));
        // The report's way back: the rollback command, as the change board reads it.
        out.add(Files.readAllLines(tmp.resolve("r.md")).stream().filter(l -> l.startsWith("seatable-migrate rollback ")).findFirst().orElseThrow());
        // An offline plan saved with --out names the command that writes its audit script; on a host, what 'plan --out'
        // prints after "Plan saved to FILE (...): " is the second command, with the file's name.
        LocalMigrationIT.Run saved = LocalMigrationIT.cli("plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE,
                "--out", tmp.resolve("plan.json").toString());
        assertThat(saved.exit()).as(saved.out() + saved.err()).isZero();
        String script = saved.out().lines().filter(l -> l.startsWith("Plan saved to ")).findFirst().orElseThrow();
        out.add(script.substring(script.indexOf("seatable-migrate ")));
        out.add("seatable-migrate migrate --plan " + tmp.resolve("plan.json"));
        return out;
    }

    @Test
    void theHintsThatNeedNoHostRun() throws Exception {
        List<String> copy = words(EngineAnswer.PLAN_FROM_A_COPY);
        LocalMigrationIT.Run plan = LocalMigrationIT.cli(copy.toArray(String[]::new));
        assertThat(plan.exit()).as(copy + ": " + plan.out() + plan.err()).isZero();

        LocalMigrationIT.Run offline = LocalMigrationIT.cli("plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", EXAMPLE);
        String last = offline.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        List<String> next = new ArrayList<>(words(last.substring(last.indexOf("seatable-migrate "))));
        next.addAll(List.of("--script", tmp.resolve("audit.sh").toString(), "--backup-dir", tmp.resolve("b").toString()));
        LocalMigrationIT.Run dryRun = LocalMigrationIT.cli(next.toArray(String[]::new));
        assertThat(dryRun.exit()).as(next + ": " + dryRun.out() + dryRun.err()).isZero();
        assertThat(tmp.resolve("audit.sh")).exists();

        for (String help : List.of(BackupPruning.PRUNE_HINT, "seatable-migrate plan --help")) {
            LocalMigrationIT.Run r = LocalMigrationIT.cli(words(help).toArray(String[]::new));
            assertThat(r.exit()).as(help).isZero();
            assertThat(r.out()).startsWith("Usage: " + help.replace(" --help", ""));
        }
    }
}
