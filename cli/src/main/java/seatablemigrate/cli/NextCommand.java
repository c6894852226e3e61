package seatablemigrate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import seatablemigrate.core.spi.Shell;

/**
 * The command a result suggests next, made from the command line the user typed (picocli's model of what matched,
 * never the argument strings edited): another command with the same options, those it does not take left out, so
 * that the suggestion runs as written when pasted into a shell.
 */
final class NextCommand {
    private NextCommand() {}

    /**
     * @param typed   the parsed command line (its root)
     * @param command the command to suggest, e.g. {@code migrate}
     * @param first   options that go right after the command name, e.g. {@code --dry-run}
     * @param leave   options of the typed command line not to carry over
     */
    static String of(ParseResult typed, String command, List<String> first, Set<String> leave) {
        // Its own model: the command line that was typed models only the commands it names (CommandTree).
        CommandSpec target = CommandTree.forArgs(List.of(command)).getSubcommands().get(command).getCommandSpec();
        List<String> words = new ArrayList<>(List.of("seatable-migrate", command));
        words.addAll(first);
        List<OptionSpec> matched = new ArrayList<>(typed.matchedOptions());
        if (typed.subcommand() != null) {
            matched.addAll(typed.subcommand().matchedOptions());
        }
        for (OptionSpec o : matched) {
            String name = o.longestName();
            if (leave.contains(name) || first.contains(name) || target.findOption(name) == null) {
                continue;
            }
            if (o.arity().max() == 0) {
                words.add(name);
                continue;
            }
            for (String value : o.originalStringValues()) {
                words.add(name);
                words.add(Shell.quote(value));
            }
        }
        return String.join(" ", words);
    }
}
