package seatablemigrate.core.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.spi.FileEdit;

/**
 * The plan: what was observed, the pre-flight results, the resolved target, the ordered steps and the rollback
 * steps. Printed for {@code plan}, executed by the runner: nothing decides twice.
 *
 * @param installation what was observed
 * @param request      what was asked
 * @param checks       pre-flight results in order
 * @param target       the resolved target, when it could be resolved
 * @param runDir       this run's folder (backup, journal)
 * @param steps        the switch, in order
 * @param rollback     the steps that return to the observed state
 */
public record MigrationPlan(Installation installation, MigrationRequest request, List<CheckResult> checks,
                            Optional<Target> target, Path runDir, List<Step> steps, List<Step> rollback) {
    public MigrationPlan {
        checks = List.copyOf(checks);
        steps = List.copyOf(steps);
        rollback = List.copyOf(rollback);
    }

    /**
     * The current edition already is the target, and the current state was understood (its check did not fail), and no
     * exact {@code --version} asks for another patch level ({@link #changesPatchWithinEdition}: refused, never dropped).
     */
    public boolean nothingToDo() {
        if (request.upgrade()) {
            // The target is the running version: no newer release, or --version names the running one.
            return target.filter(t -> installation.state().version().equals(Optional.of(t.version()))).isPresent()
                    && installation.state().conflicts().isEmpty()
                    && checks.stream().filter(c -> c.name().equals("current-state")).noneMatch(CheckResult::failed);
        }
        return installation.state().edition().filter(e -> e == request.target()).isPresent()
                && installation.state().conflicts().isEmpty()
                && checks.stream().filter(c -> c.name().equals("current-state")).noneMatch(CheckResult::failed)
                && !changesPatchWithinEdition(installation, request);
    }

    /**
     * Whether {@code request} names an exact version other than the running one of the same edition: an upgrade (or a
     * downgrade) within the edition, which an edition switch does not do.
     */
    public static boolean changesPatchWithinEdition(Installation installation, MigrationRequest request) {
        return !request.upgrade() && installation.state().edition().filter(e -> e == request.target()).isPresent()
                && request.version().filter(v -> !v.equals("latest")).flatMap(SeaTableVersion::parse)
                        .filter(v -> !installation.state().version().filter(v::equals).isPresent()).isPresent();
    }

    /** The names (relative to {@link #runDir()}) of the files the backup step saves and checksums. */
    public List<String> backupFiles() {
        return steps.stream().flatMap(s -> s.changes().stream())
                .filter(c -> c instanceof FileEdit.WriteChecksums)
                .flatMap(c -> ((FileEdit.WriteChecksums) c).fileNames().stream()).toList();
    }

    /**
     * What a confirmation must name when the tool chose a target below the running patch level (5.3.4 to 5.3.0: the
     * editions number their patches separately); empty when it does not, or when the user named the version with an
     * exact {@code --version X.Y.Z}, which is the explicit confirmation.
     */
    public Optional<String> patchDowngrade() {
        if (request.upgrade()) {
            return Optional.empty();
        }
        boolean named = request.version().filter(v -> !v.equals("latest")).isPresent();
        return target.filter(t -> !named).flatMap(t -> installation.state().version().filter(running -> t.version().compareTo(running) < 0)
                .map(running -> "This lowers the patch level from " + running + " to " + t.version() + " (the newest "
                        + t.edition().displayName() + " of " + t.version().majorMinor() + "; the editions number their patches separately)."));
    }

    public boolean refused() {
        return checks.stream().anyMatch(CheckResult::failed);
    }
}
