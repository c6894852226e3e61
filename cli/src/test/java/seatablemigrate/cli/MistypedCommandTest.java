package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A mistyped command never succeeds: whatever else is on the line ({@code --help}, a target {@code --version X.Y.Z}
 * that the top command would take for its own version option), an argument no command takes is exit 2 with picocli's
 * suggestion, and neither the help nor the tool's version is printed instead.
 */
class MistypedCommandTest {
    private static final String TOOL_VERSION = "seatable-migrate " + Versions.TOOL;

    /** Every command and subcommand as the user types it, e.g. {@code [backups, prune]}, from the real command line. */
    private static List<List<String>> commands(boolean hidden) {
        List<List<String>> out = new ArrayList<>();
        collect(CommandTree.full(), List.of(), hidden, out);
        return out;
    }

    private static void collect(CommandLine cl, List<String> path, boolean hidden, List<List<String>> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            List<String> name = new ArrayList<>(path);
            name.add(e.getKey());
            if (e.getValue().getCommandSpec().usageMessage().hidden() == hidden) {
                out.add(name);
            }
            collect(e.getValue(), name, hidden, out);
        }
    }

    @Test
    void everyCommandWithOneLetterDroppedIsAUsageErrorWithASuggestion() {
        List<List<String>> commands = commands(false);
        List<List<String>> hidden = commands(true);
        List<List<String>> all = new ArrayList<>(commands);
        all.addAll(hidden);
        assertThat(commands).extracting(c -> String.join(" ", c)).contains("status", "doctor", "plan", "migrate", "backups", "backups prune",
                "rollback", "version");
        int tried = 0;
        for (List<String> command : all) {
            String name = command.get(command.size() - 1);
            List<String> parent = command.subList(0, command.size() - 1);
            for (int i = 0; i < name.length(); i++) {
                String typo = name.substring(0, i) + name.substring(i + 1);
                if (all.contains(append(parent, typo))) {
                    continue; // dropping a letter gave another command's name
                }
                for (List<String> rest : List.of(List.<String>of(), List.of("--version", "6.0.2"), List.of("--help"),
                        List.of("--to", "developer", "--version", "6.0.2"), List.of("-V"))) {
                    List<String> args = new ArrayList<>(append(parent, typo));
                    args.addAll(rest);
                    LocalMigrationIT.Run r = LocalMigrationIT.cli(args.toArray(String[]::new));
                    String line = String.join(" ", args);
                    assertThat(r.exit()).as(line + ": " + r.out() + r.err()).isEqualTo(2);
                    assertThat(r.err()).as(line).contains("Unmatched argument").contains("'" + typo + "'");
                    // Hidden commands (the man page, the CDS training) are not offered, but fail all the same.
                    assertThat(r.err()).as(line).contains(hidden.contains(command) ? "" : "\nDid you mean: " + (parent.isEmpty() ? "" : String.join(" ", parent) + " ") + name + "?\n");
                    assertThat(r.out()).as(line).doesNotContain(TOOL_VERSION).doesNotContain("Usage:");
                    tried++;
                }
            }
        }
        assertThat(tried).isGreaterThan(200);
    }

    private static List<String> append(List<String> parent, String name) {
        List<String> out = new ArrayList<>(parent);
        out.add(name);
        return out;
    }

    @Test
    void theIssuesExamplesFailAsTheyShould() {
        LocalMigrationIT.Run migrat = LocalMigrationIT.cli("migrat", "--to", "developer", "--version", "6.0.2");
        assertThat(migrat.exit()).isEqualTo(2);
        assertThat(migrat.out()).isEmpty();
        assertThat(migrat.err()).startsWith("seatable-migrate: Unmatched arguments from index 0: 'migrat', '--to', 'developer', '6.0.2'\n")
                .contains("\nDid you mean: migrate?\n").endsWith("Try 'seatable-migrate --help'.\n");
        LocalMigrationIT.Run upgrade = LocalMigrationIT.cli("upgrad", "--help");
        assertThat(upgrade.exit()).isEqualTo(2);
        assertThat(upgrade.out()).isEmpty();
        assertThat(upgrade.err()).contains("Unmatched argument at index 0: 'upgrad'").contains("Did you mean: upgrade?");
        LocalMigrationIT.Run extra = LocalMigrationIT.cli("plan", "developer", "--help");
        assertThat(extra.exit()).as("a stray word after a command is no help request either").isEqualTo(2);
        assertThat(extra.err()).contains("'developer'").contains("Try 'seatable-migrate plan --help'.");
    }

    @Test
    void theToolsVersionOnlyWhenAskedAlone() {
        for (List<String> alone : List.of(List.of("--version"), List.of("-V"), List.of("version"))) {
            LocalMigrationIT.Run r = LocalMigrationIT.cli(alone.toArray(String[]::new));
            assertThat(r.exit()).as(alone.toString()).isZero();
            assertThat(r.out()).isEqualTo(TOOL_VERSION + "\n");
            assertThat(r.err()).isEmpty();
        }
        for (List<String> mixed : List.of(List.of("--version", "status"), List.of("-V", "--json"), List.of("--compose-dir", "/tmp", "--version"),
                List.of("version", "6.0.2"), List.of("--version", "--help"))) {
            LocalMigrationIT.Run r = LocalMigrationIT.cli(mixed.toArray(String[]::new));
            assertThat(r.exit()).as(mixed + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.out()).as(mixed.toString()).doesNotContain(TOOL_VERSION);
        }
        LocalMigrationIT.Run help = LocalMigrationIT.cli("version", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: seatable-migrate version");
    }
}
