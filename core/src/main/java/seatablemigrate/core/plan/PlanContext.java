package seatablemigrate.core.plan;

import java.time.LocalDate;
import java.util.Optional;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.LicenseState;
import seatablemigrate.core.spi.FileStat;

/**
 * Everything the pre-flight checks look at: the observed installation, the request, the resolved target (or
 * why it could not be resolved), the license offered with {@code --license}, free space, what the backup root is
 * (empty when it does not exist yet or was not observed), today's date, what Compose says the switch would do
 * (empty when it was not asked: offline, {@code doctor}, no target), and whether the command takes {@code --license}
 * ({@code doctor} does not: its checks never suggest it), and for an upgrade SeaTable's configuration folder as it would be
 * saved (empty otherwise), where the engine stores images with its free space (empty when not asked: no target, a
 * target present locally, offline; or when the engine does not name a folder of the host), and what an upgrade with
 * {@code --release-files} does to the official files (empty otherwise).
 */
public record PlanContext(Installation installation, MigrationRequest request, Optional<Target> target,
                          Optional<String> targetProblem, Optional<LicenseState> offeredLicense, long usableBackupSpace,
                          Optional<FileStat> backupRoot, LocalDate today, Optional<ComposePreview> preview,
                          boolean licenseOption, Optional<SeatableConf> seatableConf,
                          Optional<ImageStore> imageStore, Optional<ReleaseFilesUpdate> releaseFiles) {

    /** How to give the target a license: the option where the command has it, else the file where SeaTable reads it. */
    public String giveLicense() {
        return licenseOption ? "with --license FILE" : "at " + installation.licensePath();
    }

    /** The license that the target will run with: the offered one, else the one in place. */
    public LicenseState effectiveLicense() {
        return offeredLicense.orElse(installation.license());
    }
}
