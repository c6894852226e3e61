package seatablemigrate.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * picocli's model of the command line, made for one command line. picocli models a command by reading all its
 * annotations (every option, mixin, converter and default): for every command that was most of the start-up of
 * {@code --help}. So a command is modelled only when its name is on the command line; every other one is a summary
 * (name, aliases, description, hidden), which is all that the top command's help, its "did you mean" and the list of
 * commands read of it. A summary never runs: a command that runs was named, so it is modelled.
 */
final class CommandTree {
    /** The top command's subcommands, in the order its help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(StatusCommand.class, DoctorCommand.class, PlanCommand.class, MigrateCommand.class, UpgradeCommand.class,
            BackupsCommand.class, RollbackCommand.class, CommandLine.HelpCommand.class, VersionCommand.class, CompletionCommand.class,
            ManPageCommand.class, CdsTrainingCommand.class);
    /** Commands that read every command's model (the completion script, the man page). */
    private static final Set<String> READ_ALL = Set.of("generate-completion", "generate-man-page");

    private CommandTree() {}

    /** Every command modelled, for output that is not a terminal. */
    static CommandLine full() {
        return build(name -> true, Terminal.NONE);
    }

    /**
     * The model for {@code args}: the commands named in it (a word equal to a command's name or alias, wherever it
     * stands; a value that happens to be one only costs its model), or every command for an argument file
     * ({@code @FILE}, whose words picocli reads later) and for the commands that read them all.
     */
    static CommandLine forArgs(List<String> args) {
        return forArgs(args, Terminal.NONE);
    }

    /** As {@link #forArgs(List)}, for output to {@code terminal}. */
    static CommandLine forArgs(List<String> args, Terminal terminal) {
        if (args.stream().anyMatch(a -> a.startsWith("@") || READ_ALL.contains(a))) {
            return build(name -> true, terminal);
        }
        return build(args::contains, terminal);
    }

    /** Whether a subcommand is modelled (not a summary). */
    static boolean modelled(CommandLine command) {
        return command.getCommandSpec().userObject() != null;
    }

    private static CommandLine build(Predicate<String> named, Terminal terminal) {
        CommandLine root = new CommandLine(new SeatableMigrateCommand(terminal));
        for (Class<?> type : SUBCOMMANDS) {
            Command c = type.getAnnotation(Command.class);
            // picocli's own help command is small and reads its siblings through the parent: always modelled.
            if (c.helpCommand() || named.test(c.name()) || Arrays.stream(c.aliases()).anyMatch(named)) {
                root.addSubcommand(type);
            } else {
                CommandSpec summary = CommandSpec.create().name(c.name()).aliases(c.aliases());
                summary.usageMessage().description(c.description()).header(c.header()).hidden(c.hidden());
                root.addSubcommand(c.name(), summary);
            }
        }
        // After the subcommands: picocli applies it to those the root has at this moment.
        root.setCaseInsensitiveEnumValuesAllowed(true);
        return root;
    }
}
