package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import seatablemigrate.core.model.Edition;

/**
 * The help as a user reads it at a given width (COLUMNS): options grouped by purpose with the target first, every line
 * within the width and broken at spaces only (never inside {@code ssh://}, {@code e.g.} or a path), every command listed
 * with its whole description, the aliases of --to listed.
 */
class HelpLayoutTest {
    /** Every command's help, as {@code seatable-migrate [COMMAND...] --help} prints it. */
    private static final List<List<String>> COMMANDS = commands();

    private static List<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        collect(CommandTree.full(), List.of(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> all) {
        all.add(path);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden() && !name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, all);
            }
        });
    }

    static LocalMigrationIT.Run help(int columns, List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                Terminal.of(Map.of("COLUMNS", Integer.toString(columns)), false));
        return new LocalMigrationIT.Run(code, out.toString(), err.toString());
    }

    /** Each whitespace-separated word the help may print: what the commands' model holds, and the layout's own words. */
    private static Set<String> words() {
        Set<String> words = new HashSet<>(List.of("Usage:", "[OPTIONS]", "[COMMAND]", "Commands:", "Target:", "Options:", "Safety:",
                "Connection:", "Fleet:", "Output:", "Exit", "codes:", "[-hV]", "[COMMAND]", "seatable-migrate"));
        List<CommandSpec> specs = new ArrayList<>();
        specs.add(CommandTree.full().getCommandSpec());
        for (int i = 0; i < specs.size(); i++) {
            CommandSpec c = specs.get(i);
            c.subcommands().values().forEach(sub -> specs.add(sub.getCommandSpec()));
            List<String> texts = new ArrayList<>();
            texts.addAll(Arrays.asList(c.usageMessage().description()));
            texts.addAll(Arrays.asList(c.usageMessage().header()));
            texts.addAll(Arrays.asList(c.usageMessage().footer()));
            texts.addAll(c.usageMessage().exitCodeList().keySet());
            texts.addAll(c.usageMessage().exitCodeList().values());
            texts.add(c.qualifiedName());
            for (OptionSpec o : c.options()) {
                texts.addAll(Arrays.asList(o.description()));
                for (String n : o.names()) {
                    texts.add(n);
                    texts.add(n + ",");
                }
                texts.add(o.paramLabel());
            }
            for (String t : texts) {
                words.addAll(Arrays.asList(t.replace("%n", " ").replace("%%", "%").split("\\s+")));
            }
        }
        return words;
    }

    @Test
    void everyHelpStaysWithinItsWidthAndBreaksOnlyAtSpaces() {
        Set<String> words = words();
        for (int columns : new int[] {60, 61, 67, 72, 80, 93, 100, 120, 160}) {
            for (List<String> command : COMMANDS) {
                LocalMigrationIT.Run r = help(columns, command);
                assertThat(r.exit()).as(command + ": " + r.err()).isZero();
                for (String line : r.out().lines().toList()) {
                    // Footer lines that are indented are command lines, printed as written so that they can be copied.
                    boolean commandLine = line.startsWith("  seatable-migrate ") || line.startsWith("  source <(");
                    if (!commandLine) {
                        assertThat(line.length()).as("COLUMNS=%d %s --help:%n%s", columns, command, line).isLessThanOrEqualTo(columns);
                    }
                    for (String word : line.strip().split("\\s+")) {
                        assertThat(words).as("a word of COLUMNS=%d %s --help (a word broken in two?) in:%n%s", columns, command, line)
                                .contains(word.isEmpty() ? "seatable-migrate" : word);
                    }
                }
            }
        }
    }

    @Test
    void optionsAreGroupedByPurposeTargetFirst() {
        for (String command : List.of("plan", "migrate")) {
            String out = help(100, List.of(command)).out();
            List<String> headings = out.lines().filter(l -> l.matches("[A-Z][a-z]+( [a-z]+)*:")).toList();
            assertThat(headings).as(out).containsSubsequence("Target:", "Safety:", "Connection:", "Fleet:", "Output:");
            assertThat(headings.get(0)).isEqualTo("Target:");
            assertThat(section(out, "Target:")).contains("--to ", "--version ", "--license ");
            assertThat(section(out, "Safety:")).contains("--backup-dir ", "--health-timeout ", "--full-restart ", "--no-database-dump");
            assertThat(section(out, "Connection:")).contains("--host ", "--compose-dir ", "--sudo ", "--identity ");
            assertThat(section(out, "Fleet:")).contains("--inventory ", "--limit ", "--forks ");
            assertThat(section(out, "Output:")).contains("--json ", "--quiet ", "--verbose ", "--report ");
        }
        String top = help(100, List.of()).out();
        assertThat(section(top, "Connection:")).contains("--host ");
        assertThat(section(top, "Output:")).contains("--json ", "--version ");
    }

    /** The lines under {@code heading} up to the next blank line. */
    private static String section(String help, String heading) {
        int start = help.indexOf("\n" + heading + "\n");
        assertThat(start).as("heading %s in%n%s", heading, help).isNotNegative();
        int end = help.indexOf("\n\n", start + 1);
        return help.substring(start, end < 0 ? help.length() : end);
    }

    @Test
    void theAliasesOfToAreListed() {
        String target = section(help(100, List.of("plan")).out(), "Target:");
        for (Edition e : Edition.values()) {
            assertThat(target).contains(e.id());
            for (String alias : e.aliases()) {
                assertThat(target).as("--to lists the alias " + alias).containsPattern("\\b" + alias + "\\b");
                assertThat(Edition.parse(alias)).contains(e);
            }
        }
    }

    @Test
    void aBareCallPrintsEveryCommandWithItsWholeDescription() {
        LocalMigrationIT.Run bare = LocalMigrationIT.cli();
        assertThat(bare.exit()).isEqualTo(2);
        CommandLine root = CommandTree.full();
        String flat = bare.err().replaceAll("\\s+", " ");
        root.getSubcommands().forEach((name, sub) -> {
            var usage = sub.getCommandSpec().usageMessage();
            if (!usage.hidden()) {
                // The one-line header where a command has one (picocli's help), else the description, whole.
                String summary = String.join(" ", usage.header().length > 0 ? usage.header() : usage.description());
                assertThat(flat).as(bare.err()).contains(" " + name + " " + summary.replace("%n", " ").strip().replaceAll("\\s+", " ") + " ");
            }
        });
        assertThat(bare.err()).contains("a command is needed: status, doctor, plan, migrate, upgrade, backups, rollback");
    }

    @Test
    void columnsComesFromTheEnvironmentAndOnlyAsAPositiveNumber() {
        assertThat(Terminal.of(Map.of("COLUMNS", "60"), false).columns()).isEqualTo(OptionalInt.of(60));
        assertThat(Terminal.of(Map.of("COLUMNS", " 132 "), true).columns()).isEqualTo(OptionalInt.of(132));
        for (String bad : List.of("", "0", "-5", "sixty", "60x", "99999")) {
            assertThat(Terminal.of(Map.of("COLUMNS", bad), true).columns()).as(bad).isEmpty();
        }
        assertThat(Terminal.of(Map.of(), true).columns()).isEmpty();
    }
}
