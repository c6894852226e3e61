package seatablemigrate.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.fleet.FleetCopies;

/**
 * {@code --from-dir} and {@code --seatable-conf-from-dir}: where an offline fleet dry-run ({@code migrate} or
 * {@code upgrade} with {@code --inventory --dry-run --offline}) finds each host's copies, as {@link FleetCopies} lays them
 * out. A picocli mixin, so that both commands check them alike.
 */
final class FleetCopyOptions {
    @Option(names = "--from-dir", paramLabel = "COPIES", description = "With --inventory --dry-run --offline: the folder that holds a copy of"
            + " each host's compose directory, in COPIES/<inventory host name>/; a host without one is skipped.")
    Path fromDir;

    @Option(names = "--seatable-conf-from-dir", paramLabel = "CONFS", description = "With --inventory --dry-run --offline, for an upgrade:"
            + " the folder that holds a copy of each host's SeaTable configuration folder (as --seatable-conf-from), in"
            + " CONFS/<inventory host name>/; a host without one is skipped.")
    Path seatableConfFromDir;

    /**
     * The copies an offline fleet dry-run reads, after checking these options against the rest of the command line (a
     * usage error, exit 2, before any host); empty for any other run.
     *
     * @param fleet     whether --inventory was given
     * @param savesConf whether the run saves SeaTable's configuration folder (an upgrade, or a switch --via-upgrade)
     */
    Optional<FleetCopies> copies(boolean fleet, boolean dryRun, OfflineOptions offline, boolean savesConf) {
        if ((fromDir != null || seatableConfFromDir != null) && !(fleet && dryRun && offline.offline)) {
            throw new UsageException("--from-dir and --seatable-conf-from-dir name the copies of a fleet's hosts for an offline fleet dry-run"
                    + " (--inventory --dry-run --offline); one host's copies are --from and --seatable-conf-from");
        }
        if (!fleet || !offline.offline) {
            return Optional.empty();
        }
        if (offline.from != null || offline.seatableConfFrom != null) {
            throw new UsageException("--from and --seatable-conf-from are one host's copies; with --inventory each host's are in --from-dir"
                    + " COPIES/<inventory host name>/ (and --seatable-conf-from-dir CONFS/<inventory host name>/)");
        }
        if (!dryRun || fromDir == null) {
            throw new UsageException("an offline fleet is a dry-run from copies: --inventory --dry-run --offline --from-dir COPIES"
                    + (savesConf ? " --seatable-conf-from-dir CONFS" : "") + ", with each host's copy in COPIES/<inventory host name>/"
                    + (savesConf ? " (and of its SeaTable configuration folder in CONFS/<inventory host name>/)" : ""));
        }
        if (seatableConfFromDir != null && !savesConf) {
            throw OfflineOptions.confOnlyForUpgrades("--seatable-conf-from-dir");
        }
        if (savesConf && seatableConfFromDir == null) {
            throw new UsageException("an offline fleet upgrade also saves each host's SeaTable configuration folder: add"
                    + " --seatable-conf-from-dir CONFS, with a copy of each host's folder (seatable/conf in the folder its SeaTable"
                    + " container mounts at /shared, copied with its modes, e.g. scp -rp) in CONFS/<inventory host name>/");
        }
        FleetCopies copies = new FleetCopies(MigrationOptions.absolute(fromDir, "--from-dir"));
        return Optional.of(savesConf ? copies.withSeatableConfs(MigrationOptions.absolute(seatableConfFromDir, "--seatable-conf-from-dir"))
                : copies);
    }
}
