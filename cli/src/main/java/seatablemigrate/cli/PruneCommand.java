package seatablemigrate.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.backup.BackupCatalog;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.run.Runner;

@Command(name = "prune", description = "Removes old backups of this compose directory: all but the newest --keep, optionally only those"
        + " older than --older-than. A backup of an unfinished or failed run is never removed.",
        footer = {"", "Examples:", "  seatable-migrate backups prune --keep 3", "  seatable-migrate backups prune --keep 1 --older-than 30d --yes"})
final class PruneCommand implements Callable<Integer> {
    @ParentCommand
    BackupsCommand backups;

    @Mixin
    HelpOption help;

    @Mixin
    BackupRootOption backupRoot;

    @Option(names = "--keep", required = true, paramLabel = "N", description = "How many of the newest backups to keep (0 or more).")
    int keep;

    @Option(names = "--older-than", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Only remove backups older than this, e.g. 30d, 12h.")
    Duration olderThan;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed when not on a terminal).")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SeatableMigrateCommand global = backups.global;
        PrintWriter out = spec.commandLine().getOut();
        Console console = System.console();
        if (keep < 0) {
            throw new UsageException("--keep " + keep + ": give 0 or more");
        }
        if (!yes && console == null) {
            throw new UsageException("prune asks for confirmation, but there is no terminal: add --yes to proceed without asking");
        }
        Output output = Output.of(global, out, console != null, false);
        try (HostSession session = HostSession.live(global.host, global.connection())) {
            Runner.Result r = session.workflow().pruneBackups(backupRoot.path(), global.composeDir.toAbsolutePath().normalize(), keep,
                    Optional.ofNullable(olderThan), doomed -> {
                        output.text("Remove these backups of " + global.composeDir.toAbsolutePath().normalize() + " from " + backupRoot.path() + ":");
                        for (BackupCatalog.Backup b : doomed) {
                            output.text("  " + b.id() + "  " + b.fromEdition().id() + " " + b.fromVersion() + " -> " + b.toEdition().id() + " "
                                    + b.toVersion() + "  " + Bytes.human(b.sizeBytes()));
                        }
                        if (yes) {
                            return true;
                        }
                        out.flush();
                        String answer = console.readLine("%nRemove " + doomed.size() + " backup(s)? [y/N] ");
                        return Prompt.accepted(answer);
                    }, output.reporter());
            return output.result(r.outcome(), r.message());
        }
    }
}
