package seatablemigrate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.plan.Intent;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.ReleaseFiles;
import seatablemigrate.core.plan.ReleaseSource;
import seatablemigrate.core.release.ReleaseCache;
import seatablemigrate.core.release.ReleaseDownload;
import seatablemigrate.core.release.ReleaseEndpoints;

/**
 * {@code --release-files DIR} or {@code --download-release-files}: where SeaTable's official release files for an upgrade
 * come from, checked where they enter (a picocli mixin). A folder is read at once; a download happens when the plan knows
 * its target, into the cache of the user the tool runs as.
 */
final class ReleaseFilesOption {
    @Option(names = "--release-files", paramLabel = "DIR", description = "SeaTable's release files, one folder per release (e.g. v6.1.8"
            + " with the files of its seatable-compose.tar.gz, or a git archive of the tag): the upgrade brings the official compose"
            + " files and .env to the new release's, merging your own changes (needs the running release's files too).")
    private Path dir;

    @Option(names = "--download-release-files", description = "As --release-files, with the files downloaded from SeaTable's releases on"
            + " GitHub over HTTPS (the running release's and the target's seatable-compose.tar.gz, compared with the digest GitHub"
            + " publishes) and kept in $XDG_CACHE_HOME (else ~/.cache)/seatable-migrate/release-files on this machine.")
    private boolean download;

    /**
     * Where a download is announced: a fleet host's events, else the error stream (stdout may be a JSON stream); nothing
     * with -q.
     */
    static Consumer<String> announcer(SeatableMigrateCommand global, PrintWriter err) {
        if (global.events.isPresent()) {
            return global.events.get()::info;
        }
        return global.quiet ? line -> { } : line -> {
            err.println(line);
            err.flush();
        };
    }

    /**
     * Where the release files given for a run of {@code intent} come from; release files for a switch, both options, or a
     * folder that is no export of them, is a usage error (exit 2).
     *
     * @param announce told a line before each download
     */
    Optional<ReleaseSource> read(Intent intent, Consumer<String> announce) {
        if (dir != null && download) {
            throw new UsageException("--release-files DIR and --download-release-files exclude each other: give the folder, or let the"
                    + " tool download the files");
        }
        if (download) {
            MigrationRequest.checkReleaseFilesFor(intent, "--download-release-files");
            return Optional.of(ReleaseDownload.of(ReleaseCache.defaultRoot(System.getenv()),
                    ReleaseEndpoints.fromProperties(System::getProperty), announce));
        }
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
