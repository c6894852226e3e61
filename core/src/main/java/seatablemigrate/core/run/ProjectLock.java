package seatablemigrate.core.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.runfolder.RunPointer;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.LockHeldException;

/**
 * The run lock of a compose project ({@link RunPointer#lockFile}) as a command takes it: held, or the command's refusal
 * because another run holds it. Exactly one of the two; a lock that cannot be taken for another reason (its folder is
 * not the tool's own, no flock) is no refusal but the backend's {@link seatablemigrate.core.MigrateException}.
 */
public final class ProjectLock {
    private final HostLock held;
    private final Runner.Result refusal;

    private ProjectLock(HostLock held, Runner.Result refusal) {
        this.held = held;
        this.refusal = refusal;
    }

    /**
     * Takes the lock of {@code composeDir} for {@code command}, never waiting for it.
     *
     * @param command what holds the lock, in its owner file: {@code <command> for <composeDir>}, e.g.
     *                {@code seatable-migrate rollback}
     * @param checks  told a failed {@code lock} check naming the holder when another run holds it ({@link Reporter#NONE}
     *                where the refusal's message is the whole report)
     * @param refusal the refused result's message, from the holder's (who holds the lock, since when)
     */
    public static ProjectLock take(HostBackend host, Path composeDir, String command, Reporter checks, UnaryOperator<String> refusal) {
        requireNonNull(checks, "checks is null");
        requireNonNull(refusal, "refusal is null");
        try {
            return new ProjectLock(host.lock(RunPointer.lockFile(composeDir), command + " for " + composeDir), null);
        } catch (LockHeldException e) {
            checks.check(CheckResult.fail("lock", e.getMessage()));
            return new ProjectLock(null, new Runner.Result(Outcome.REFUSED, refusal.apply(e.getMessage())));
        }
    }

    /** The command's result when another run holds the lock; empty when the lock is held. */
    public Optional<Runner.Result> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The lock, held until closed; throws {@link IllegalStateException} when it was refused. */
    public HostLock held() {
        if (held == null) {
            throw new IllegalStateException("the lock was refused: " + refusal.message());
        }
        return held;
    }
}
