package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The start-up's model of the command line: only the commands named on it are modelled (picocli reading every command's
 * options was most of {@code --help}'s start), and what the user sees is exactly what the whole model prints.
 */
class CommandTreeTest {
    /** Words a command line is made of; none of the lines made from them reaches an engine (each asks for help or is refused). */
    private static final List<String> WORDS = List.of("status", "doctor", "plan", "migrate", "backups", "prune", "rollback", "version", "help",
            "--json", "-q", "--compose-dir", "/tmp/seatable compose", "--to", "developer", "--version", "6.0.2", "-V", "--offline", "--keep", "3");
    private static final List<String> TYPOS = List.of("migrat", "stauts", "backup", "rollbak", "--hepl", "@", "generate-completio");

    @Test
    void theTopCommandsHelpModelsNoCommandButListsThemAll() {
        for (List<String> args : List.of(List.of("--help"), List.of("-h"), List.<String>of(), List.of("help"), List.of("--version"))) {
            CommandLine tree = CommandTree.forArgs(args);
            assertThat(tree.getSubcommands().keySet()).as("%s", args).containsExactlyElementsOf(CommandTree.full().getSubcommands().keySet());
            assertThat(tree.getSubcommands().entrySet()).as("%s", args)
                    .allSatisfy(e -> assertThat(CommandTree.modelled(e.getValue())).as(e.getKey()).isEqualTo(e.getKey().equals("help")));
        }
        CommandLine status = CommandTree.forArgs(List.of("--compose-dir", "/opt/x", "status", "--json"));
        assertThat(status.getSubcommands().entrySet()).allSatisfy(e -> assertThat(CommandTree.modelled(e.getValue())).as(e.getKey())
                .isEqualTo(List.of("status", "help").contains(e.getKey())));
        assertThat(status.getSubcommands().get("status").getCommandSpec().findOption("--compose-dir")).as("the global options are inherited").isNotNull();
        // What reads the whole model gets it.
        for (String whole : List.of("generate-completion", "generate-man-page", "@args.txt")) {
            assertThat(CommandTree.forArgs(List.of(whole)).getSubcommands().values()).as(whole).allMatch(CommandTree::modelled);
        }
    }

    /** Generated command lines print the same, byte for byte, with the exit code, as with every command modelled. */
    @Test
    void everyLineAnswersAsWithTheWholeModel() {
        Random random = new Random(22);
        for (int i = 0; i < 300; i++) {
            List<String> args = line(random);
            Run lazy = run(args, CommandTree.forArgs(args));
            Run whole = run(args, CommandTree.full());
            assertThat(lazy).as("%s", args).isEqualTo(whole);
        }
        // The usage printed on its own and the suggestion for a mistyped command.
        assertThat(run(List.of("--help"), CommandTree.forArgs(List.of("--help"))).out()).contains("  status ").contains("  migrate ")
                .doesNotContain("cds-training");
        assertThat(run(List.of("migrat"), CommandTree.forArgs(List.of("migrat"))).err()).contains("Did you mean: migrate?");
    }

    private static List<String> line(Random random) {
        List<String> args = new ArrayList<>();
        int kind = random.nextInt(4);
        if (kind == 0) {
            args.add(TYPOS.get(random.nextInt(TYPOS.size()))); // refused before anything runs
        } else if (kind == 1) {
            args.add(random.nextBoolean() ? "help" : "version");
            if (random.nextBoolean()) {
                args.add(WORDS.get(random.nextInt(8)));
            }
            return args;
        }
        for (int n = random.nextInt(5); n > 0; n--) {
            args.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        if (kind != 0) {
            args.add(random.nextBoolean() ? "--help" : "-h");
        }
        return args;
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(List<String> args, CommandLine tree) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), tree, new PrintWriter(out, true), new PrintWriter(err, true));
        // A --json result carries the time it was made.
        return new Run(code, out.toString().replaceAll("\"time\":\"[^\"]*\"", "\"time\":\"T\""), err.toString());
    }
}
