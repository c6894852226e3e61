package seatablemigrate.core.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.ComposeCli;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.FileChange;

/** The way back, one list of steps for every caller: a failed switch, the recovery of a cut-off run, a return to a backup. */
public final class RollbackSteps {
    private RollbackSteps() {}

    /**
     * The steps that return an installation to the state saved in {@code runDir}: stop SeaTable's service (the whole
     * stack with {@code fullRestart}), restore {@code .env} and the license byte for byte, {@code up -d} (which starts
     * what is stopped and recreates SeaTable's container when its image changed), verify. Stopping first matters when
     * nothing changed: a container stuck in a failed start would otherwise be left as it is. Used after a failed
     * switch, to recover an interrupted run and to return to a backup.
     */
    public static List<Step> of(Path composeDir, ComposeCli cli, String service, Path runDir, int envMode, boolean licenseExisted,
                                           Path licensePath, int licenseMode, Edition edition, SeaTableVersion version,
                                           java.time.Duration timeout, boolean fullRestart) {
        Path config = runDir.resolve(Planner.CONFIG_DIR);
        List<Change> restore = new ArrayList<>();
        // Restores write only what differs: after a failed write (a full disk) the original is still in place.
        restore.add(FileChange.CopyFile.restore(config.resolve(Installation.ENV_FILE), composeDir.resolve(Installation.ENV_FILE), envMode));
        restore.add(licenseExisted
                ? FileChange.CopyFile.restore(config.resolve(Installation.LICENSE_FILE), licensePath, licenseMode)
                : new FileChange.RemoveFile(licensePath));
        List<Step> steps = new ArrayList<>();
        steps.add(fullRestart
                ? new Step(StepId.ROLLBACK_STOP, "stop whatever runs now (" + cli.spelling() + " down)", List.of(EngineChange.Compose.down(composeDir, cli)),
                        Optional.empty())
                : new Step(StepId.ROLLBACK_STOP, "stop SeaTable (" + cli.spelling() + " stop " + service + "; the database keeps running)",
                        List.of(EngineChange.Compose.stop(composeDir, cli, service)), Optional.empty()));
        steps.add(new Step(StepId.ROLLBACK_RESTORE, "restore .env and the license from " + config, restore, Optional.empty()));
        steps.add(new Step(StepId.ROLLBACK_START, "start the previous edition (" + cli.spelling() + " up -d)",
                List.of(EngineChange.Compose.up(composeDir, cli)), Optional.empty()));
        steps.add(new Step(StepId.ROLLBACK_VERIFY, "wait until the " + edition.displayName() + " " + version + " is healthy again",
                List.of(), Optional.of(new Verification.Healthy(edition, version, timeout))));
        return List.copyOf(steps);
    }
}
