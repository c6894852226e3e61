package seatablemigrate.core.plan;

import java.util.Arrays;
import java.util.Optional;

/**
 * The steps a run can take, by the name the journal, the run log, the JSON events and the audit script use, and
 * whether a step changes the running installation (from such a step on, a failure needs the rollback, and an
 * interrupted run that began one needs recovery).
 */
public enum StepId {
    PREPARE("prepare", false),
    PULL("pull", false),
    BACKUP("backup", false),
    STOP("stop", true),
    /** An upgrade's official compose files and {@code .env} brought to the new release's ({@code --release-files}). */
    RELEASE_FILES("release-files", true),
    SWITCH_IMAGE("switch-image", true),
    LICENSE("license", true),
    START("start", true),
    VERIFY("verify", true),
    ROLLBACK_STOP("rollback-stop", true),
    ROLLBACK_RESTORE("rollback-restore", true),
    ROLLBACK_START("rollback-start", true),
    ROLLBACK_VERIFY("rollback-verify", true),
    /** Returning to a backup with its database: SeaTable stops before the dump is loaded. */
    STOP_SEATABLE("stop-seatable", true),
    RESTORE_DATABASE("restore-database", true);

    private final String id;
    private final boolean touchesStack;

    StepId(String id, boolean touchesStack) {
        this.id = id;
        this.touchesStack = touchesStack;
    }

    /** The name written to journals and events ({@code switch-image}). */
    public String id() {
        return id;
    }

    public boolean touchesStack() {
        return touchesStack;
    }

    /** The step a journal names; empty for a name this version does not know. */
    public static Optional<StepId> parse(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
