package seatablemigrate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.plan.Intent;
import seatablemigrate.core.plan.MigrationRequest;

/** The options that describe a migration; shared by {@code plan} and {@code migrate}. */
final class MigrationOptions {
    @Option(names = "--to", paramLabel = "enterprise|developer", converter = EditionConverter.class,
            completionCandidates = Candidates.Editions.class,
            description = "The edition to switch to: enterprise (or ee), developer (or de, dev).")
    Edition target;

    @Option(names = "--version", paramLabel = "X.Y.Z|latest",
            description = "Target version (same MAJOR.MINOR as now). Default and latest: the newest X.Y.Z of that MAJOR.MINOR that the"
                    + " image's registry lists or the host has locally.")
    String version;

    @Option(names = "--pin-digest", description = "Write the target as repo:tag@sha256:... (the digest its registry names now) into"
            + " .env, so that exactly the reviewed image runs; the audit script refuses when the tag points elsewhere by then.")
    boolean pinDigest;

    @Option(names = "--license", paramLabel = "FILE", description = "License file to install for the Enterprise Edition (copied byte for byte).")
    Path license;

    @Mixin
    BackupRootOption backupRoot;

    @Option(names = {"--no-database-dump", "--no-backup"}, description = "Skip the database dump; .env, the license and the compose"
            + " files are still saved, since rollback restores from them. (--no-backup is the old name.)")
    boolean noBackup;

    @Option(names = "--via-upgrade", description = "Switch to another edition of another release (--version X.Y.Z) in one run of two"
            + " hops, the upgrade and the switch in the order the releases allow, with one backup (the databases' dump is mandatory) and"
            + " one way back that restores the databases.")
    boolean viaUpgrade;

    @Option(names = "--full-restart", description = "Stop the whole stack and start it again, as the manual procedure does. Default:"
            + " recreate only SeaTable's container while MariaDB, Redis and the proxy keep running (about half the downtime).")
    boolean fullRestart;

    @Mixin
    HealthTimeoutOption healthTimeout;

    @Mixin
    OfflineOptions copy;

    /** Checks what can be checked without the host; a malformed value is a usage error (exit 2), before anything. */
    MigrationRequest toRequest(SeatableMigrateCommand global) {
        return toRequest(global, Intent.SWITCH);
    }

    /**
     * As {@link #toRequest(SeatableMigrateCommand)}, for {@code intent}: an upgrade keeps the edition that runs (no
     * {@code --to}) and always dumps the databases.
     */
    MigrationRequest toRequest(SeatableMigrateCommand global, Intent intent) {
        if (intent == Intent.UPGRADE) {
            if (target != null) {
                throw new UsageException("--to is not for an upgrade: it keeps the edition that runs (a switch to another release is two"
                        + " runs, which 'plan --to EDITION --version X.Y.Z' names)");
            }
            if (license != null) {
                throw new UsageException("--license is not for an upgrade: it keeps the license in place (install a new one with a switch or"
                        + " by hand first)");
            }
        }
        if (intent == Intent.SWITCH && target == null) {
            throw new UsageException("--to enterprise|developer is required" + " (or, for migrate, --plan FILE)");
        }
        if (version != null) {
            MigrationRequest.checkVersion(version, "--version");
        }
        Path composeDir = absolute(global.composeDir, "--compose-dir");
        // An upgrade's edition is the one that runs, which the inspection learns.
        MigrationRequest.Builder request = (intent == Intent.UPGRADE ? MigrationRequest.upgradeBuilder(composeDir)
                : MigrationRequest.builder(composeDir, target)).compose(global.compose)
                .version(Optional.ofNullable(version)).licenseFile(Optional.ofNullable(license).map(l -> absolute(l, "--license")))
                .backup(!noBackup).backupRoot(backupRoot.path()).fullRestart(fullRestart).pinDigest(pinDigest)
                .viaUpgrade(viaUpgrade).healthTimeout(healthTimeout.duration(intent == Intent.UPGRADE || viaUpgrade ? MigrationRequest.DEFAULT_UPGRADE_HEALTH_TIMEOUT
                        : MigrationRequest.DEFAULT_HEALTH_TIMEOUT));
        copy.applyTo(request, global, Optional.ofNullable(version), pinDigest, intent == Intent.UPGRADE || viaUpgrade);
        return request.build();
    }

    /** What the options given next to {@code --plan} would change of {@code reviewed} ({@link PlanFileOption#conflicts}). */
    List<String> conflictsWithPlan(MigrationRequest reviewed, SeatableMigrateCommand global, CommandSpec spec) {
        List<String> conflicts = new ArrayList<>(PlanFileOption.conflicts(spec, global, reviewed, List.of("--to", "--version", "--license"),
                backupRoot.path(), healthTimeout.duration(), fullRestart, pinDigest));
        if (noBackup && reviewed.backup()) {
            conflicts.add("--no-database-dump (the plan dumps the databases)");
        }
        return conflicts;
    }

    /**
     * A path option made absolute (against the working directory) and normalised, then held to the rule every path on
     * the host follows ({@link MigrationRequest#hostPath}): an empty one is refused rather than read as this folder.
     */
    static Path absolute(Path p, String option) {
        return MigrationRequest.hostPath(p.toString().isEmpty() ? "" : p.toAbsolutePath().normalize().toString(), option);
    }

    static final class EditionConverter implements ITypeConverter<Edition> {
        @Override
        public Edition convert(String value) {
            try {
                return Edition.require(value);
            } catch (UsageException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
