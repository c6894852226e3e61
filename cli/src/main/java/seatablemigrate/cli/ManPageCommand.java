package seatablemigrate.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.runfolder.RunPointer;
import seatablemigrate.core.spi.FileEdit;

/**
 * {@code generate-man-page}: seatable-migrate(1) in troff, made from the same picocli model as {@code --help}: every
 * command and subcommand with its description, options (in the help's groups and order) and examples; the exit status
 * from the help's list; the environment the tool reads and the files it keeps, their paths from the code's own
 * constants. Hidden; the .deb build runs it.
 */
@Command(name = "generate-man-page", hidden = true, description = "Print the man page seatable-migrate(1) in troff.")
final class ManPageCommand implements Runnable {
    /**
     * What the tool and its launcher read from the environment. The SSH passphrase variable's name is the SSH backend's
     * ({@code SshBackendProvider.PASSPHRASE_VARIABLE}), which the command line knows only at run time.
     */
    private static final Map<String, String> ENVIRONMENT = linked(
            "NO_COLOR", "When set and not empty, nothing is coloured (https://no-color.org). Colour is only ever used on a terminal.",
            "COLUMNS", "The width the help is wrapped to, instead of the terminal's.",
            "TERM", "dumb: no colour, and progress is printed line by line instead of being rewritten in place.",
            "SEATABLE_MIGRATE_SSH_PASSPHRASE", "The passphrase of an encrypted key given with --identity; without it the tool asks on"
                    + " the terminal.",
            "SSH_AUTH_SOCK", "The ssh-agent whose keys are tried first over SSH.",
            "DOCKER_HOST", "The local Docker engine, as for the docker CLI (with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH); default"
                    + " unix:///var/run/docker.sock.",
            "DOCKER_CONFIG", "The folder of the Docker client's config.json, whose registry credentials are used to list tags and"
                    + " digests (default ~/.docker).",
            "SEATABLE_MIGRATE_NO_CDS", "When set, the launcher neither makes nor uses its start-up archive (a class-data archive"
                    + " beside the jar).");

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        CommandSpec root = spec.root();
        out.println(".TH SEATABLE-MIGRATE 1 \"\" \"seatable-migrate " + text(Versions.TOOL) + "\" \"User Commands\"");
        out.println(".SH NAME");
        out.println("seatable-migrate \\- " + text(HelpLayout.text(root.usageMessage().description())));
        out.println(".SH SYNOPSIS");
        out.println(".B seatable-migrate");
        out.println("[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]");
        out.println(".SH GLOBAL OPTIONS");
        out.println("Accepted before or after the command.");
        options(out, root.options());
        out.println(".SH COMMANDS");
        commands(out, root);
        out.println(".SH EXIT STATUS");
        root.usageMessage().exitCodeList().forEach((code, meaning) -> {
            out.println(".TP");
            out.println(text(code.strip()));
            out.println(text(meaning));
        });
        out.println(".SH ENVIRONMENT");
        ENVIRONMENT.forEach((name, meaning) -> {
            out.println(".TP");
            out.println("\\fB" + text(name) + "\\fR");
            out.println(text(meaning));
        });
        out.println(".SH FILES");
        files(out);
        out.println(".SH SEE ALSO");
        out.println("The README and docs/ in /usr/share/doc/seatable-migrate; docker-compose(1), ssh_config(5), ansible-inventory(1).");
        out.flush();
    }

    /** Every visible command under {@code parent}, subcommands after their command ({@code backups prune}). */
    private static void commands(PrintWriter out, CommandSpec parent) {
        for (CommandLine sub : parent.subcommands().values()) {
            CommandSpec c = sub.getCommandSpec();
            if (c.usageMessage().hidden() || c.name().equals("help")) {
                continue;
            }
            out.println(".SS " + text(c.qualifiedName().replaceFirst("^seatable-migrate ", "")));
            out.println(text(HelpLayout.text(c.usageMessage().description())));
            options(out, c.options().stream().filter(o -> !o.inherited() && !o.usageHelp()).toList());
            footer(out, c.usageMessage().footer());
            commands(out, c);
        }
    }

    private static void files(PrintWriter out) {
        String run = "Each run's folder in it (named by its time and target, e.g. 20261125-101500-to-developer) holds the backup"
                + " (" + RunFolder.CONFIG_DIR + "/ with .env, the license and the compose files; " + RunFolder.DUMP_FILE + "), "
                + RunFolder.MANIFEST + ", " + FileEdit.WriteChecksums.FILE_NAME + ", the journal " + RunFolder.JOURNAL + " and the log "
                + RunFolder.LOG + " (secrets masked).";
        file(out, MigrationRequest.DEFAULT_COMPOSE_DIR.toString(), "SeaTable's Compose directory (.env, the compose files), unless"
                + " --compose-dir names another.");
        file(out, MigrationRequest.DEFAULT_BACKUP_ROOT.toString(), "The backup root, unless --backup-dir names another. " + run);
        file(out, RunPointer.DIR.toString(), "Per compose directory, the folder of its last run (last-run-KEY), so that an unfinished"
                + " run is found whatever --backup-dir the next run names. Owned by the user the tool runs as, mode 0700.");
        file(out, RunPointer.LOCK_DIR + "/seatable-migrate-KEY.lock",
                "The lock of a compose directory: one run, recovery or audit script at a time. In a folder of the tool's own"
                + " user (mode 0700), not the world-writable /run/lock.");
        file(out, "~/.ssh/config, ~/.ssh/known_hosts", "Host aliases, and the host keys SSH connections are checked against"
                + " (--ssh-config, --known-hosts).");
        file(out, "./seatable-migrate-RUN.sh", "The audit script of migrate --dry-run, unless --script names another file.");
    }

    private static void file(PrintWriter out, String path, String what) {
        out.println(".TP");
        out.println("\\fI" + text(path) + "\\fR");
        out.println(text(what));
    }

    /** Options in the help's groups and order. */
    private static void options(PrintWriter out, List<OptionSpec> options) {
        List<OptionSpec> ordered = options.stream().filter(o -> !o.hidden())
                .sorted(Comparator.comparing(HelpLayout.Group::of).thenComparingInt(o -> HelpLayout.Group.of(o).rank(o))).toList();
        for (OptionSpec o : ordered) {
            out.println(".TP");
            StringBuilder names = new StringBuilder();
            for (String n : o.names()) {
                names.append(names.length() == 0 ? "" : ", ").append("\\fB").append(text(n)).append("\\fR");
            }
            if (o.arity().max() > 0) {
                names.append(" \\fI").append(text(o.paramLabel())).append("\\fR");
            }
            out.println(names);
            // As the help prints it: the default filled in (picocli does), its format escapes undone.
            out.println(text(HelpLayout.text(o.description()).replace('\n', ' ')));
        }
    }

    private static void footer(PrintWriter out, String[] lines) {
        boolean example = false;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith(" ") && example) {
                out.println(".fi");
                example = false;
            }
            if (line.strip().toLowerCase(Locale.ROOT).startsWith("example") || line.strip().endsWith(":")) {
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

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
