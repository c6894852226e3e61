package seatablemigrate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import seatablemigrate.core.backup.BackupCatalog;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;

@Command(name = "backups", description = "Lists the backups seatable-migrate made: time, editions, versions, size, verified or not.",
        subcommands = PruneCommand.class,
        footer = {"", "Examples:", "  seatable-migrate backups", "  seatable-migrate backups --backup-dir /srv/backups --json",
                "  seatable-migrate backups prune --keep 3"})
final class BackupsCommand implements Callable<Integer> {
    @ParentCommand
    SeatableMigrateCommand global;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Mixin
    BackupRootOption backupRoot;

    @Option(names = "--all", description = "Also list backups of other compose directories.")
    boolean all;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Output output = Output.of(global, out, false, false);
        Path root = backupRoot.path();
        Path dir = global.composeDir.toAbsolutePath().normalize();
        try (HostSession session = HostSession.live(global.host, global.connection())) {
            HostBackend host = session.host();
            if (host.stat(root).filter(FileStat::isDirectory).isEmpty()) {
                output.reporter().warn("the backup folder " + root + " does not exist on " + host.describe()
                        + " (--backup-dir names the folder the runs were made with)");
            }
            List<BackupCatalog.Backup> backups = new BackupCatalog(host).list(root).stream()
                    .filter(b -> all || b.composeDir().equals(dir)).toList();
            if (global.json) {
                ObjectMapper json = new ObjectMapper();
                for (BackupCatalog.Backup b : backups) {
                    var n = json.createObjectNode().put("id", b.id()).put("dir", b.dir().toString()).put("created", b.created())
                            .put("composeDir", b.composeDir().toString())
                            .put("databaseDump", b.databaseDump()).put("sizeBytes", b.sizeBytes()).put("verified", b.verified())
                            .put("verification", b.verification())
                            // The same words as a result event's outcome; a run without END is "unfinished".
                            .put("outcome", b.outcome().toLowerCase(Locale.ROOT).replace('_', '-'));
                    // Editions and versions as objects, as in plan's target.
                    n.putObject("from").put("edition", b.fromEdition().id()).put("version", b.fromVersion().toString()).put("image", b.fromImage());
                    n.putObject("to").put("edition", b.toEdition().id()).put("version", b.toVersion().toString());
                    ((JsonReporter) output.reporter()).object("backup", "backup", n);
                }
            } else if (!backups.isEmpty() && !output.quiet()) {
                out.printf("%-28s %-20s %-33s %-9s %-8s %s%n", "ID", "CREATED", "SWITCH", "SIZE", "RUN", "CHECKSUMS");
                for (BackupCatalog.Backup b : backups) {
                    out.printf("%-28s %-20s %-33s %-9s %-8s %s%n", b.id(), b.created().length() > 19 ? b.created().substring(0, 19) : b.created(),
                            b.fromEdition().id() + " " + b.fromVersion() + " -> " + b.toEdition().id() + " " + b.toVersion(),
                            Bytes.human(b.sizeBytes()), b.outcome().toLowerCase(Locale.ROOT).replace('_', '-'),
                            b.verification() + (b.databaseDump() ? "" : " (no database dump)"));
                }
                out.flush();
            }
            return output.summary(Outcome.DONE, backups.size() + " backup(s) of " + (all ? "all compose directories" : dir) + " in " + root);
        }
    }
}
