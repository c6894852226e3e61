package seatablemigrate.core.testing;

import java.util.ArrayList;
import java.util.List;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.run.Reporter;

/** A reporter for tests: keeps what the workflow told (check lines, infos, warnings) in order, and drops step progress. */
public final class ToldReporter implements Reporter {
    public final List<CheckResult> checks = new ArrayList<>();
    public final List<String> infos = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();

    @Override
    public void check(CheckResult result) {
        checks.add(result);
    }

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    /** The check line named {@code name}; fails the test when there is none. */
    public CheckResult check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
