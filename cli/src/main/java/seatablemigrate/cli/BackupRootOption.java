package seatablemigrate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import seatablemigrate.core.plan.MigrationRequest;

/** {@code --backup-dir}: one declaration for every command that writes or reads backups (a picocli mixin). */
final class BackupRootOption {
    @Option(names = "--backup-dir", paramLabel = "DIR",
            description = "The backup root: each run's backup, journal and log are a folder in it (default: ${DEFAULT-VALUE}).")
    private Path backupRoot = MigrationRequest.DEFAULT_BACKUP_ROOT;

    /** The backup root, absolute and normalised. */
    Path path() {
        return MigrationOptions.absolute(backupRoot, "--backup-dir");
    }
}
