package seatablemigrate.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The usage help's layout, for every command: the options grouped by purpose under headings, the target first; the
 * command list with each command's whole description; every text wrapped at spaces only. picocli's own wrapping breaks
 * where {@link java.text.BreakIterator} may, after '.', '/', ':' and '-', which split {@code e.g.}, {@code ~/.ssh/config}
 * and {@code ssh://user@host} over two lines; a word here is never broken (one longer than the line overflows it).
 * Indented footer lines are command lines (examples) and are printed as written, so that they can be copied.
 */
final class HelpLayout {
    /** picocli's narrowest usage width; a narrower COLUMNS gets this. */
    static final int MIN_WIDTH = 55;
    /** The option names' column is at most this wide; longer names put their description on the next line. */
    private static final int MAX_NAMES = 22;
    /** A description gets at least this much of the line; narrower, it starts below its names. */
    private static final int MIN_TEXT = 48;

    /** The purposes options are grouped by, in the order the help shows them. */
    enum Group {
        TARGET("Target", "--to", "--version", "--license", "--pin-digest", "--release-files", "--download-release-files", "--via-upgrade", "--plan", "--backup"),
        /** The command's own options that no other group names (--yes, --dry-run, --keep, ...). */
        COMMAND("Options"),
        SAFETY("Safety", "--backup-dir", "--no-database-dump", "--full-restart", "--health-timeout", "--fetch-backup"),
        CONNECTION("Connection", "--host", "--compose-dir", "--compose", "--offline", "--from", "--seatable-conf-from", "--ssh-config", "--known-hosts", "--identity",
                "--accept-new-host-key", "--sudo"),
        FLEET("Fleet", "--inventory", "--limit", "--forks", "--serial", "--max-fail", "--list-hosts", "--log-dir", "--script-dir", "--from-dir",
                "--seatable-conf-from-dir"),
        OUTPUT("Output", "--json", "--verbose", "--quiet", "--report", "--out", "--script", "--detailed-exitcode", "--help");

        private final String heading;
        private final List<String> options;

        Group(String heading, String... options) {
            this.heading = heading;
            this.options = List.of(options);
        }

        String heading() {
            return heading;
        }

        /** The group of an option, by its longest name; the tool's own --version and --help are output. */
        static Group of(OptionSpec option) {
            if (option.versionHelp() || option.usageHelp()) {
                return OUTPUT;
            }
            for (Group g : values()) {
                if (g.options.contains(option.longestName())) {
                    return g;
                }
            }
            return COMMAND;
        }

        /** Where the option goes within its group: as listed, the command's own in their declared order. */
        int rank(OptionSpec option) {
            int i = options.indexOf(option.longestName());
            return i < 0 ? options.size() : i;
        }
    }

    private HelpLayout() {}

    /** Lays out {@code cl}'s help and that of all its subcommands. */
    static void install(CommandLine cl) {
        cl.getCommandSpec().usageMessage().abbreviateSynopsis(true);
        Map<String, CommandLine.IHelpSectionRenderer> sections = cl.getHelpSectionMap();
        sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, help -> paragraphs(help.commandSpec().usageMessage().description(), width(help)));
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
        sections.put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
        sections.put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
        sections.put(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING, help -> "");
        sections.put(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST, HelpLayout::exitCodes);
        sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> footer(help.commandSpec().usageMessage().footer(), width(help)));
        cl.setHelpSectionMap(sections);
        cl.getSubcommands().values().forEach(HelpLayout::install);
    }

    private static int width(Help help) {
        return Math.max(MIN_WIDTH, help.commandSpec().usageMessage().width());
    }

    private static String options(Help help) {
        List<OptionSpec> shown = help.commandSpec().options().stream().filter(o -> !o.hidden()).toList();
        // One column for all groups, so that the descriptions line up down the whole help.
        int column = column(shown.stream().map(o -> row(o, help.colorScheme())).toList(), width(help));
        StringBuilder sb = new StringBuilder();
        for (Group g : Group.values()) {
            List<Row> rows = shown.stream().filter(o -> Group.of(o) == g).sorted(Comparator.comparingInt(g::rank))
                    .map(o -> row(o, help.colorScheme())).toList();
            if (!rows.isEmpty()) {
                sb.append(System.lineSeparator()).append(g.heading()).append(':').append(System.lineSeparator());
                sb.append(table(rows, column, width(help)));
            }
        }
        return sb.toString();
    }

    /** One option's names ({@code -i, --identity FILE}) and its description as one text. */
    private static Row row(OptionSpec o, Help.ColorScheme colours) {
        List<String> names = Arrays.asList(o.names());
        boolean hasShort = names.get(0).length() == 2 && !names.get(0).equals("--");
        StringBuilder plain = new StringBuilder(hasShort ? "" : "    ");
        StringBuilder shown = new StringBuilder(plain);
        for (int i = 0; i < names.size(); i++) {
            String sep = i == 0 ? "" : ", ";
            plain.append(sep).append(names.get(i));
            shown.append(sep).append(colours.optionText(names.get(i)));
        }
        if (o.arity().max() > 0) {
            plain.append(' ').append(o.paramLabel());
            shown.append(' ').append(colours.optionParamText(o.paramLabel()));
        }
        return new Row(plain.toString(), shown.toString(), text(o.description()));
    }

    private static String commands(Help help) {
        List<Row> rows = new ArrayList<>();
        help.commandSpec().subcommands().forEach((name, sub) -> {
            CommandSpec c = sub.getCommandSpec();
            // An alias is a second key for the same command: listed once, under its name.
            if (!c.usageMessage().hidden() && c.name().equals(name)) {
                // A command's header is its one-line summary where it has one (picocli's help command), else its description.
                String[] summary = c.usageMessage().header().length > 0 ? c.usageMessage().header() : c.usageMessage().description();
                rows.add(new Row(name, help.colorScheme().commandText(name).toString(), text(summary).replace("\n", " ").strip()));
            }
        });
        return rows.isEmpty() ? "" : System.lineSeparator() + "Commands:" + System.lineSeparator() + table(rows, column(rows, width(help)), width(help));
    }

    private static String exitCodes(Help help) {
        Map<String, String> codes = help.commandSpec().usageMessage().exitCodeList();
        List<Row> rows = new ArrayList<>();
        codes.forEach((code, meaning) -> rows.add(new Row(code.strip(), code.strip(), text(new String[] {meaning}))));
        return rows.isEmpty() ? "" : System.lineSeparator() + "Exit codes:" + System.lineSeparator() + table(rows, column(rows, width(help)), width(help));
    }

    /** Footer lines: indented ones (command lines) as written, the others wrapped. */
    private static String footer(String[] lines, int width) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith(" ")) {
                sb.append(line).append(System.lineSeparator());
            } else {
                wrap(text(new String[] {line}), width).forEach(l -> sb.append(l).append(System.lineSeparator()));
            }
        }
        return sb.toString();
    }

    private static String paragraphs(String[] description, int width) {
        StringBuilder sb = new StringBuilder();
        for (String line : description) {
            wrap(text(new String[] {line}), width).forEach(l -> sb.append(l).append(System.lineSeparator()));
        }
        return sb.toString();
    }

    /** A row of a two-column table: the left cell as plain text (for its width) and as shown (perhaps coloured). */
    private record Row(String plain, String shown, String text) {}

    /**
     * Where the text column of {@code rows} starts: after the widest left cell that is not too wide, but early enough to
     * leave the text {@link #MIN_TEXT} characters (on a narrow terminal every text starts on the line below its cell).
     */
    private static int column(List<Row> rows, int width) {
        int widest = rows.stream().mapToInt(r -> r.plain().length()).filter(n -> n <= MAX_NAMES).max().orElse(MAX_NAMES);
        return Math.min(2 + widest + 2, Math.max(12, width - MIN_TEXT));
    }

    /**
     * Rows as two columns: the left cell indented by two, the text from {@code column} on, wrapped to the width; a left
     * cell wider than its column puts the text on the next lines.
     */
    private static String table(List<Row> rows, int column, int width) {
        StringBuilder sb = new StringBuilder();
        String indent = " ".repeat(column);
        for (Row r : rows) {
            List<String> lines = wrap(r.text(), width - column);
            sb.append("  ").append(r.shown());
            int at = 2 + r.plain().length();
            int first = 0;
            if (at + 2 <= column && !lines.isEmpty()) {
                sb.append(" ".repeat(column - at)).append(lines.get(0));
                first = 1;
            }
            sb.append(System.lineSeparator());
            for (String l : lines.subList(first, lines.size())) {
                sb.append(l.isEmpty() ? "" : indent + l).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    /** A description as picocli writes it (a format: {@code %n} a new line, {@code %%} a percent sign), as text. */
    static String text(String[] description) {
        return String.join(" ", description).replace("%n", "\n").replace("%%", "%");
    }

    /**
     * {@code text} in lines of at most {@code width}, broken at spaces only; a new line in the text starts a new line.
     * Spaces inside a line are kept as written (two spaces between examples stay two); a word longer than the width
     * is a line of its own.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            String rest = paragraph.stripTrailing();
            while (rest.length() > width) {
                int cut = rest.lastIndexOf(' ', width);
                if (cut <= 0) {
                    cut = rest.indexOf(' ', width);
                    if (cut < 0) {
                        break;
                    }
                }
                lines.add(rest.substring(0, cut).stripTrailing());
                rest = rest.substring(cut).stripLeading();
            }
            lines.add(rest);
        }
        return lines;
    }
}
