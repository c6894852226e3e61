package seatablemigrate.core.plan;

/**
 * One named pre-flight check. It is evaluated in Java against the observed installation, and the result carries
 * the shell guard that re-checks the same fact on the host at script run time: both forms live in one class so
 * that they cannot diverge.
 */
public interface PreflightCheck {
    /** Short stable name, e.g. {@code engine}, {@code target-version}. */
    String name();

    CheckResult evaluate(PlanContext context);
}
