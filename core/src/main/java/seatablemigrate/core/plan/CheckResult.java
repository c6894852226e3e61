package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of one pre-flight check: a name, pass or fail, one sentence, and the shell guard that re-checks
 * the same fact when an audit script runs later.
 */
public record CheckResult(String name, Status status, String message, Optional<String> shellGuard) {
    /** DEFERRED: not observable now (offline); the shell guard checks it when the script runs. */
    /** A check's outcome. {@link #word()} is its one name in text, JSON, the run log and audit scripts. */
    public enum Status {
        PASS, FAIL, WARN, DEFERRED;

        /** {@code pass}, {@code fail}, {@code warn} or {@code deferred}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public CheckResult {
        requireNonNull(name, "name is null");
        requireNonNull(status, "status is null");
        requireNonNull(message, "message is null");
        requireNonNull(shellGuard, "shellGuard is null");
    }

    public static CheckResult pass(String name, String message) {
        return new CheckResult(name, Status.PASS, message, Optional.empty());
    }

    public static CheckResult warn(String name, String message) {
        return new CheckResult(name, Status.WARN, message, Optional.empty());
    }

    public static CheckResult deferred(String name, String message, String guard) {
        return new CheckResult(name, Status.DEFERRED, message, Optional.of(guard));
    }

    /**
     * A check that needs the Docker engine, which did not answer: deferred, not failed (the engine check carries the one
     * cause). No guard: a plan without an engine is refused, so no script is made from it.
     *
     * @param what what is checked once the engine answers
     */
    public static CheckResult noEngine(String name, String what) {
        return new CheckResult(name, Status.DEFERRED, "no engine: " + what + " when the engine answers", Optional.empty());
    }

    public static CheckResult fail(String name, String message) {
        return new CheckResult(name, Status.FAIL, message, Optional.empty());
    }

    public CheckResult withGuard(String guard) {
        return new CheckResult(name, status, message, Optional.of(guard));
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
