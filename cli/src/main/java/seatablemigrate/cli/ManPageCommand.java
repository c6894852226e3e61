package seatablemigrate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code generate-man-page}: seatable-migrate(1) in troff, made from the same picocli model as {@code --help}: every
 * command with its description, options and examples, and the exit codes. Hidden; the .deb build runs it.
 */
@Command(name = "generate-man-page", hidden = true, description = "Print the man page seatable-migrate(1) in troff.")
final class ManPageCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    HelpOption help;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        CommandSpec root = spec.root();
        out.println(".TH SEATABLE-MIGRATE 1 \"\" \"seatable-migrate " + text(Versions.TOOL) + "\" \"User Commands\"");
        out.println(".SH NAME");
        out.println("seatable-migrate \\- " + text(String.join(" ", root.usageMessage().description())));
        out.println(".SH SYNOPSIS");
        out.println(".B seatable-migrate");
        out.println("[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]");
        out.println(".SH GLOBAL OPTIONS");
        out.println("Accepted before or after the command.");
        options(out, root.options());
        out.println(".SH COMMANDS");
        for (CommandLine sub : root.subcommands().values()) {
            CommandSpec c = sub.getCommandSpec();
            if (c.usageMessage().hidden() || c.name().equals("help")) {
                continue;
            }
            out.println(".SS " + text(c.name()));
            out.println(text(String.join(" ", c.usageMessage().description())));
            options(out, c.options().stream().filter(o -> !o.inherited() && !o.usageHelp()).toList());
            footer(out, c.usageMessage().footer());
        }
        out.println(".SH EXIT STATUS");
        footer(out, root.usageMessage().footer());
        out.println(".SH SEE ALSO");
        out.println("The README and docs/ in /usr/share/doc/seatable-migrate; docker-compose(1), ssh_config(5), ansible-inventory(1).");
        out.flush();
    }

    private static void options(PrintWriter out, List<OptionSpec> options) {
        for (OptionSpec o : options) {
            if (o.hidden()) {
                continue;
            }
            out.println(".TP");
            StringBuilder names = new StringBuilder();
            for (String n : o.names()) {
                names.append(names.length() == 0 ? "" : ", ").append("\\fB").append(text(n)).append("\\fR");
            }
            if (o.arity().max() > 0) {
                names.append(" \\fI").append(text(o.paramLabel())).append("\\fR");
            }
            out.println(names);
            // As picocli prints it: the default filled in, and its format escapes undone.
            String description = String.join(" ", o.description()).replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))
                    .replace("%n", " ").replace("%%", "%");
            out.println(text(description));
        }
    }

    private static void footer(PrintWriter out, String[] lines) {
        boolean example = false;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (line.strip().toLowerCase(Locale.ROOT).startsWith("example")) {
                out.println(".PP");
                out.println(text(line.strip()));
                out.println(".nf");
                example = true;
                continue;
            }
            out.println(example ? "\\&" + text(line) : text(line));
        }
        if (example) {
            out.println(".fi");
        }
    }

    /** Text for troff: backslashes and dashes escaped, and no line that troff would take for a request. */
    static String text(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
