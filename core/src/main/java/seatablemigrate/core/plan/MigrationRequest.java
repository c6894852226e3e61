package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.spi.Shell;

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
 * @param copy          offline: the copy of the compose directory that is read (on the machine the tool runs on),
 *                      and the host it was copied from; the plan and its script act on {@code composeDir}, the
 *                      directory on the host. Empty: read {@code composeDir} itself
 * @param reviewed      a plan saved with {@code plan --out} that this run must match exactly (its run folder, its
 *                      fingerprints and its steps); the run is refused when the host drifted from it
 * @param pinDigest     write the target as {@code repo:tag@sha256:...} (the digest its registry names now) into {@code .env}
 * @param intent        a switch of edition, or an upgrade within the edition ({@code target} is then the running edition,
 *                      set by {@link #forEdition} once it is known; the database dump cannot be skipped)
 * @param releaseFiles  where an upgrade's official release files come from ({@code --release-files},
 *                      {@code --download-release-files}): the project's official compose files
 *                      and {@code .env} are brought to the target release's ({@link ReleaseFilesUpdate}); empty: only the
 *                      image changes
 * @param viaUpgrade    a switch to another edition of another release, in one run of two hops (an upgrade and a switch, in
 *                      the order the releases allow) with one backup and one way back; the databases are dumped and, on the
 *                      way back, restored as for an upgrade
 */
public record MigrationRequest(Path composeDir, ComposePreference compose, Edition target, Optional<String> version,
                               Optional<Path> licenseFile, boolean backup, Path backupRoot, Duration healthTimeout,
                               boolean offline, Optional<Path> fetchBackupTo, boolean fullRestart, Optional<OfflineCopy> copy,
                               Optional<PlanFile> reviewed, boolean pinDigest, Intent intent,
                               Optional<ReleaseSource> releaseFiles, boolean viaUpgrade) {
    public static final Path DEFAULT_COMPOSE_DIR = Path.of("/opt/seatable-compose");
    public static final Path DEFAULT_BACKUP_ROOT = Path.of("/opt/seatable-backup");
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofMinutes(5);
    /**
     * An upgrade's health wait: the new release migrates the databases before it answers, which takes minutes on a large
     * site (SeaTable's healthcheck fails until it is done).
     */
    public static final Duration DEFAULT_UPGRADE_HEALTH_TIMEOUT = Duration.ofMinutes(30);
    /** The longest health wait accepted: a day covers the largest sites; more is a typo (and would overflow the wait). */
    public static final Duration MAX_HEALTH_TIMEOUT = Duration.ofHours(24);

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
        requireNonNull(intent, "intent is null");
        requireNonNull(releaseFiles, "releaseFiles is null");
        if (releaseFiles.isPresent()) {
            checkReleaseFilesFor(intent);
        }
        if (viaUpgrade && intent != Intent.SWITCH) {
            throw new UsageException("--via-upgrade is for a switch to another edition: an upgrade keeps its edition");
        }
        if (viaUpgrade && !backup) {
            throw new UsageException("--via-upgrade always dumps the databases first: its upgrade migrates them, and the only way back is that"
                    + " dump (leave out --no-database-dump)");
        }
        checkHealthTimeout(healthTimeout, "the health timeout");
        if (intent == Intent.UPGRADE && !backup) {
            throw new UsageException("an upgrade always dumps the databases first: the new release migrates them on its first start, and"
                    + " the only way back is that dump (leave out --no-database-dump)");
        }
    }

    /** The rule for release files, whoever gives them: only an upgrade takes them (exit 2 otherwise). */
    public static void checkReleaseFilesFor(Intent intent) {
        checkReleaseFilesFor(intent, "--release-files");
    }

    /** {@link #checkReleaseFilesFor(Intent)}, its message naming the {@code option} that gave them. */
    public static void checkReleaseFilesFor(Intent intent, String option) {
        if (intent != Intent.UPGRADE) {
            throw new UsageException(option + " is for an upgrade: an edition switch keeps the release, and its files");
        }
    }

    /** Whether this is an upgrade within the edition. */
    public boolean upgrade() {
        return intent == Intent.UPGRADE;
    }

    /**
     * Whether a release newer than the running one starts in this run (an upgrade, or a switch {@code --via-upgrade}): the
     * databases are then migrated, so the dump, SeaTable's configuration folder and the way back that restores both are
     * an upgrade's.
     */
    public boolean migratesDatabases() {
        return intent == Intent.UPGRADE || viaUpgrade;
    }

    /**
     * This request for {@code edition}: an upgrade learns its edition from the inspection (the running one); a switch
     * keeps the edition it was asked for.
     */
    public MigrationRequest forEdition(Edition edition) {
        if (intent != Intent.UPGRADE || edition == target) {
            return this;
        }
        return toBuilder(edition).build();
    }

    /**
     * The rule for a health timeout, whoever gives it ({@code --health-timeout}, a plan file): longer than zero and at
     * most {@link #MAX_HEALTH_TIMEOUT}. Throws {@link UsageException} (exit 2) naming {@code source} otherwise.
     */
    public static Duration checkHealthTimeout(Duration timeout, String source) {
        WaitTime given = new WaitTime(timeout);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new UsageException(source + " " + given + " is not a wait: give a positive duration of at most " + new WaitTime(MAX_HEALTH_TIMEOUT));
        }
        if (timeout.compareTo(MAX_HEALTH_TIMEOUT) > 0) {
            throw new UsageException(source + " " + given + " is longer than the maximum of " + new WaitTime(MAX_HEALTH_TIMEOUT));
        }
        return timeout;
    }

    /**
     * The rule for a requested version, whoever gives it ({@code --version}, a plan file): {@code X.Y.Z} or
     * {@code latest}. Throws {@link UsageException} (exit 2) naming {@code source} otherwise.
     */
    public static String checkVersion(String version, String source) {
        if (!version.equals("latest") && SeaTableVersion.parse(version).isEmpty()) {
            throw new UsageException(source + " " + version + " is not a version: give X.Y.Z (e.g. 5.3.0) or latest");
        }
        return version;
    }

    /**
     * The rule for a path on the host, whoever gives it (an option made absolute, a plan file): not empty, no NUL,
     * absolute and normalised (no {@code .}, {@code ..}, doubled or trailing slash), so that what was reviewed is the
     * path that is used. Throws {@link UsageException} (exit 2) naming {@code source} otherwise.
     */
    public static Path hostPath(String path, String source) {
        if (path.isEmpty()) {
            throw new UsageException(source + " is empty: give an absolute path");
        }
        if (path.indexOf('\0') >= 0) {
            throw new UsageException(source + " holds a NUL byte, which no path can hold");
        }
        Path p = Path.of(path);
        if (!p.isAbsolute()) {
            throw new UsageException(source + " " + Shell.quote(path) + " is not an absolute path");
        }
        if (!p.normalize().toString().equals(path)) {
            throw new UsageException(source + " " + Shell.quote(path) + " is not a normalised path (it would be "
                    + Shell.quote(p.normalize().toString()) + ")");
        }
        return p;
    }

    /** A request for {@code target} in {@code composeDir}, with every other setting at its default. */
    public static Builder builder(Path composeDir, Edition target) {
        return new Builder(composeDir, target);
    }

    /**
     * An upgrade's request in {@code composeDir}, with every other setting at its default (the health wait at
     * {@link #DEFAULT_UPGRADE_HEALTH_TIMEOUT}). Its edition is a placeholder until the inspection names the one that runs
     * ({@link #forEdition}).
     */
    public static Builder upgradeBuilder(Path composeDir) {
        return new Builder(composeDir, Edition.ENTERPRISE).intent(Intent.UPGRADE).healthTimeout(DEFAULT_UPGRADE_HEALTH_TIMEOUT);
    }

    /** A builder that starts from this request. */
    public Builder toBuilder() {
        return toBuilder(target);
    }

    /** A builder that starts from this request, for {@code target}. */
    private Builder toBuilder(Edition target) {
        Builder b = new Builder(composeDir, target);
        b.compose = compose;
        b.version = version;
        b.licenseFile = licenseFile;
        b.backup = backup;
        b.backupRoot = backupRoot;
        b.healthTimeout = healthTimeout;
        b.offline = offline;
        b.fetchBackupTo = fetchBackupTo;
        b.fullRestart = fullRestart;
        b.copy = copy;
        b.reviewed = reviewed;
        b.pinDigest = pinDigest;
        b.intent = intent;
        b.releaseFiles = releaseFiles;
        b.viaUpgrade = viaUpgrade;
        return b;
    }

    /** The directory an offline plan reads: the copy, else the compose directory itself. */
    public Path readDir() {
        return copy.map(OfflineCopy::dir).orElse(composeDir);
    }

    /** Offline, the copy that is read (the compose directory itself when no copy was named); empty for a plan made on the host. */
    public Optional<OfflineCopy> offlineCopy() {
        return offline ? Optional.of(copy.orElse(new OfflineCopy(composeDir, Optional.empty()))) : Optional.empty();
    }

    /**
     * Offline, what was read and for what ({@link OfflineCopy#describe}: {@code copy ./copy, planned for
     * db1:/opt/seatable-compose}); empty for a plan made on the host.
     */
    public Optional<String> offlineSource() {
        return offlineCopy().map(c -> c.describe(composeDir));
    }

    /** This request, bound to a reviewed plan. */
    public MigrationRequest following(PlanFile plan) {
        return toBuilder().reviewed(plan).build();
    }

    /** This request, reading the compose directory's files from {@code copy} (offline). */
    public MigrationRequest readingFrom(Path copy) {
        return toBuilder().readingFrom(copy).build();
    }

    /** This request, with the backup copied to {@code folder} on the machine the tool runs on when the run ends. */
    public MigrationRequest fetchingBackupTo(Path folder) {
        return toBuilder().fetchingBackupTo(folder).build();
    }

    /** This request, stopping and starting the whole stack (the manual procedure's down/up). */
    public MigrationRequest withFullRestart() {
        return toBuilder().fullRestart(true).build();
    }

    /** This request, pinning the target image to its registry digest in {@code .env}. */
    public MigrationRequest pinningDigest() {
        return toBuilder().pinDigest(true).build();
    }

    /** Builds a request setting by setting; each setting means what the record's component of that name means. */
    public static final class Builder {
        private final Path composeDir;
        private final Edition target;
        private ComposePreference compose = ComposePreference.AUTO;
        private Optional<String> version = Optional.empty();
        private Optional<Path> licenseFile = Optional.empty();
        private boolean backup = true;
        private Path backupRoot = DEFAULT_BACKUP_ROOT;
        private Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;
        private boolean offline;
        private Optional<Path> fetchBackupTo = Optional.empty();
        private boolean fullRestart;
        private Optional<OfflineCopy> copy = Optional.empty();
        private Optional<PlanFile> reviewed = Optional.empty();
        private boolean pinDigest;
        private Intent intent = Intent.SWITCH;
        private Optional<ReleaseSource> releaseFiles = Optional.empty();
        private boolean viaUpgrade;

        private Builder(Path composeDir, Edition target) {
            this.composeDir = requireNonNull(composeDir, "composeDir is null");
            this.target = requireNonNull(target, "target is null");
        }

        public Builder compose(ComposePreference compose) {
            this.compose = requireNonNull(compose, "compose is null");
            return this;
        }

        public Builder version(Optional<String> version) {
            this.version = requireNonNull(version, "version is null");
            return this;
        }

        public Builder licenseFile(Optional<Path> licenseFile) {
            this.licenseFile = requireNonNull(licenseFile, "licenseFile is null");
            return this;
        }

        public Builder backup(boolean backup) {
            this.backup = backup;
            return this;
        }

        public Builder backupRoot(Path backupRoot) {
            this.backupRoot = requireNonNull(backupRoot, "backupRoot is null");
            return this;
        }

        public Builder healthTimeout(Duration healthTimeout) {
            this.healthTimeout = requireNonNull(healthTimeout, "healthTimeout is null");
            return this;
        }

        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        public Builder fetchingBackupTo(Path folder) {
            this.fetchBackupTo = Optional.of(folder);
            return this;
        }

        public Builder fullRestart(boolean fullRestart) {
            this.fullRestart = fullRestart;
            return this;
        }

        public Builder readingFrom(Path copy) {
            return readingFrom(new OfflineCopy(copy, Optional.empty()));
        }

        public Builder readingFrom(OfflineCopy copy) {
            this.copy = Optional.of(copy);
            return this;
        }

        public Builder reviewed(PlanFile plan) {
            this.reviewed = Optional.of(plan);
            return this;
        }

        public Builder pinDigest(boolean pinDigest) {
            this.pinDigest = pinDigest;
            return this;
        }

        public Builder intent(Intent intent) {
            this.intent = requireNonNull(intent, "intent is null");
            return this;
        }

        public Builder releaseFiles(Optional<? extends ReleaseSource> releaseFiles) {
            this.releaseFiles = requireNonNull(releaseFiles, "releaseFiles is null").map(ReleaseSource.class::cast);
            return this;
        }

        public Builder viaUpgrade(boolean viaUpgrade) {
            this.viaUpgrade = viaUpgrade;
            return this;
        }

        public MigrationRequest build() {
            return new MigrationRequest(composeDir, compose, target, version, licenseFile, backup, backupRoot, healthTimeout, offline,
                    fetchBackupTo, fullRestart, copy, reviewed, pinDigest, intent, releaseFiles,
                    viaUpgrade);
        }
    }
}
