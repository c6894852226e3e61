package seatablemigrate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import seatablemigrate.core.backup.BackupCatalog;
import seatablemigrate.core.run.Outcome;

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
        Output output = Output.of(global, spec.commandLine().getOut(), false, false);
        Path root = backupRoot.path();
        Path dir = global.composeDir.toAbsolutePath().normalize();
        try (HostSession session = HostSession.live(global.host, global.connection())) {
            List<BackupCatalog.Backup> backups = session.workflow().backups(root, all ? Optional.empty() : Optional.of(dir), output.reporter());
            output.backups(backups);
            return output.summary(Outcome.DONE, backups.size() + " backup(s) of " + (all ? "all compose directories" : dir) + " in " + root);
        }
    }
}
