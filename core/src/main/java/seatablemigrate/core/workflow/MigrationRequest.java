package seatablemigrate.core.workflow;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import seatablemigrate.core.model.Edition;

/**
 * What the user asked for.
 *
 * @param composeDir    the Compose project directory on the host
 * @param compose       which Compose to use
 * @param target        the edition to switch to
 * @param version       the requested target version ({@code X.Y.Z} or {@code latest}), empty for the default
 * @param licenseFile   a license file on the host to install for the Enterprise Edition
 * @param backup        whether to dump the databases before the switch
 * @param backupRoot    the folder in which this run's backup folder is created
 * @param healthTimeout how long to wait for SeaTable to become healthy
 * @param offline       plan from a copy of the compose directory alone: no engine, no containers (dry-run only)
 * @param fetchBackupTo a folder on the machine the tool runs on to copy the run's backup into when the run ends
 * @param fullRestart   stop the whole stack and start it again (the manual procedure) instead of recreating only
 *                      SeaTable's container while MariaDB, Redis and the proxy keep running
 * @param copy          offline: the copy of the compose directory that is read (on the machine the tool runs on);
 *                      the plan and its script act on {@code composeDir}, the directory on the host. Empty: read
 *                      {@code composeDir} itself
 * @param reviewed      a plan saved with {@code plan --out} that this run must match exactly (its run folder, its
 *                      fingerprints and its steps); the run is refused when the host drifted from it
 * @param pinDigest     write the target as {@code repo:tag@sha256:...} (the digest its registry names now) into {@code .env}
 */
public record MigrationRequest(Path composeDir, ComposePreference compose, Edition target, Optional<String> version,
                               Optional<Path> licenseFile, boolean backup, Path backupRoot, Duration healthTimeout,
                               boolean offline, Optional<Path> fetchBackupTo, boolean fullRestart, Optional<Path> copy,
                               Optional<PlanFile> reviewed, boolean pinDigest) {
    public static final Path DEFAULT_COMPOSE_DIR = Path.of("/opt/seatable-compose");
    public static final Path DEFAULT_BACKUP_ROOT = Path.of("/opt/seatable-backup");
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofMinutes(5);

    public MigrationRequest {
        requireNonNull(composeDir, "composeDir is null");
        requireNonNull(compose, "compose is null");
        requireNonNull(target, "target is null");
        requireNonNull(version, "version is null");
        requireNonNull(licenseFile, "licenseFile is null");
        requireNonNull(backupRoot, "backupRoot is null");
        requireNonNull(healthTimeout, "healthTimeout is null");
        requireNonNull(fetchBackupTo, "fetchBackupTo is null");
        requireNonNull(copy, "copy is null");
        requireNonNull(reviewed, "reviewed is null");
    }

    /** This request, bound to a reviewed plan. */
    public MigrationRequest following(PlanFile plan) {
        return new MigrationRequest(composeDir, compose, target, version, licenseFile, backup, backupRoot, healthTimeout, offline,
                fetchBackupTo, fullRestart, copy, Optional.of(plan), pinDigest);
    }

    /** The directory an offline plan reads: the copy, else the compose directory itself. */
    public Path readDir() {
        return copy.orElse(composeDir);
    }

    /** This request, reading the compose directory's files from {@code copy} (offline). */
    public MigrationRequest readingFrom(Path copy) {
        return new MigrationRequest(composeDir, compose, target, version, licenseFile, backup, backupRoot, healthTimeout, offline,
                fetchBackupTo, fullRestart, Optional.of(copy), reviewed, pinDigest);
    }

    /** A request whose backup stays on the host. */
    public MigrationRequest(Path composeDir, ComposePreference compose, Edition target, Optional<String> version,
                            Optional<Path> licenseFile, boolean backup, Path backupRoot, Duration healthTimeout, boolean offline) {
        this(composeDir, compose, target, version, licenseFile, backup, backupRoot, healthTimeout, offline, Optional.empty(), false,
                Optional.empty(), Optional.empty(), false);
    }

    /** This request, with the backup copied to {@code folder} on the machine the tool runs on when the run ends. */
    public MigrationRequest fetchingBackupTo(Path folder) {
        return new MigrationRequest(composeDir, compose, target, version, licenseFile, backup, backupRoot, healthTimeout, offline,
                Optional.of(folder), fullRestart, copy, reviewed, pinDigest);
    }

    /** This request, stopping and starting the whole stack (the manual procedure's down/up). */
    public MigrationRequest withFullRestart() {
        return new MigrationRequest(composeDir, compose, target, version, licenseFile, backup, backupRoot, healthTimeout, offline,
                fetchBackupTo, true, copy, reviewed, pinDigest);
    }

    /** This request, pinning the target image to its registry digest in {@code .env}. */
    public MigrationRequest pinningDigest() {
        return new MigrationRequest(composeDir, compose, target, version, licenseFile, backup, backupRoot, healthTimeout, offline,
                fetchBackupTo, fullRestart, copy, reviewed, true);
    }
}
