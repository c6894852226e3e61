package seatablemigrate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.OfflineCopy;

/**
 * {@code --offline}, {@code --from} and {@code --seatable-conf-from}: a plan or dry-run from copies on this machine instead
 * of the host (a picocli mixin shared by {@code plan}, {@code migrate} and {@code upgrade}, so that each checks them alike).
 */
final class OfflineOptions {
    /** The options' names: a reviewed plan fixes them all ({@link PlanFileOption#conflicts}). */
    static final List<String> NAMES = List.of("--offline", "--from", "--seatable-conf-from");

    @Option(names = "--offline", description = "Plan from a copy of the compose directory alone (no Docker engine, no SSH); "
            + "needs --version. What cannot be observed is checked by the audit script's guards.")
    boolean offline;

    @Option(names = "--from", paramLabel = "DIR", description = "With --offline: the copy of the host's compose directory to read."
            + " The plan and the audit script act on --compose-dir, the directory on the host, and check its files against the copy's.")
    Path from;

    @Option(names = "--seatable-conf-from", paramLabel = "DIR", description = "With --offline, for an upgrade: a copy of SeaTable's"
            + " configuration folder (seatable/conf in the folder its container mounts at /shared), copied with its modes. The plan"
            + " saves the files it names; the audit script checks that the host's folder holds exactly those.")
    Path seatableConfFrom;

    /**
     * Checks these options against the rest of the request (a usage error, exit 2, before anything is read) and, offline,
     * sets the copies on {@code request}.
     *
     * @param version   the --version given, if any: offline it must name a release
     * @param pinDigest whether --pin-digest was given, which needs the registry
     * @param savesConf whether the run saves SeaTable's configuration folder (an upgrade, or a switch --via-upgrade)
     */
    void applyTo(MigrationRequest.Builder request, SeatableMigrateCommand global, Optional<String> version, boolean pinDigest,
                 boolean savesConf) {
        if (offline && version.filter(v -> !v.equals("latest")).isEmpty()) {
            throw new UsageException("--offline needs --version X.Y.Z: offline, no image or registry can be asked which versions exist");
        }
        if (from != null && !offline) {
            throw new UsageException("--from names the copy an --offline plan reads; without --offline the host itself is read");
        }
        if (seatableConfFrom != null && !offline) {
            throw new UsageException("--seatable-conf-from names the copy of SeaTable's configuration folder an --offline upgrade reads;"
                    + " without --offline the host itself is read");
        }
        if (seatableConfFrom != null && !savesConf) {
            throw confOnlyForUpgrades("--seatable-conf-from");
        }
        if (pinDigest && offline) {
            throw new UsageException("--pin-digest needs the registry, which --offline does not ask");
        }
        request.offline(offline);
        if (offline) {
            // Offline --host names the host the copy came from: only for words, nothing connects to it.
            OfflineCopy copy = OfflineCopy.of(from != null ? MigrationOptions.absolute(from, "--from")
                    : MigrationOptions.absolute(global.composeDir, "--compose-dir"), global.host);
            request.readingFrom(seatableConfFrom == null ? copy
                    : copy.withSeatableConf(MigrationOptions.absolute(seatableConfFrom, "--seatable-conf-from")));
        }
    }

    /** {@code option}, a copy of SeaTable's configuration folder, given to a run that does not save that folder. */
    static UsageException confOnlyForUpgrades(String option) {
        return new UsageException(option + " is for an upgrade (or --via-upgrade): a switch within a release leaves SeaTable's"
                + " configuration folder alone and does not save it");
    }

    /** A live run needs the host: offline is for a dry-run (or a plan). */
    void checkDryRun(boolean dryRun, String what) {
        if (offline && !dryRun) {
            throw new UsageException("--offline only works with --dry-run: a live " + what + " needs the host");
        }
    }

    /** Offline work reads the local copies, whatever --host says. */
    String hostTarget(SeatableMigrateCommand global) {
        return offline ? "local" : global.host;
    }
}
