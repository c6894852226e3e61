package seatablemigrate.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.plan.Intent;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.ReleaseFiles;

/** {@code --release-files}: SeaTable's official release files for an upgrade, read and checked where they enter (a picocli mixin). */
final class ReleaseFilesOption {
    @Option(names = "--release-files", paramLabel = "DIR", description = "SeaTable's release files, one folder per release (e.g. v6.1.8"
            + " with the files of its seatable-compose.tar.gz, or a git archive of the tag): the upgrade brings the official compose"
            + " files and .env to the new release's, merging your own changes (needs the running release's files too).")
    private Path dir;

    /**
     * The release files given for a run of {@code intent}, read on this machine; release files for a switch, or a folder
     * that is no export of them, is a usage error (exit 2).
     */
    Optional<ReleaseFiles> read(Intent intent) {
        if (dir == null) {
            return Optional.empty();
        }
        MigrationRequest.checkReleaseFilesFor(intent);
        try {
            return Optional.of(ReleaseFiles.read(dir.toAbsolutePath().normalize()));
        } catch (ReleaseFiles.FormatException e) {
            throw new UsageException("--release-files: " + e.getMessage());
        }
    }
}
