package seatablemigrate.core.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.RollbackSteps;
import seatablemigrate.core.plan.SeatableConf;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.runfolder.BackupManifest;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.runfolder.RunPointer;
import seatablemigrate.core.spi.HostBackend;

/**
 * What a run does first about earlier runs of the same installation that were cut off (their journals have no
 * {@code END}, or end {@code NEEDS_ATTENTION}): close one that never touched the installation, close one whose switch
 * had completed, and roll back the rest to the state their backups saved, after asking. A dry-run only warns.
 */
public final class Recovery {
    private final HostBackend host;
    private final RunMode mode;
    private final Interruption interruption;

    public Recovery(HostBackend host, RunMode mode, Interruption interruption) {
        this.host = requireNonNull(host, "host is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.interruption = requireNonNull(interruption, "interruption is null");
    }

    /**
     * Completes or rolls back a run that was cut off: when SeaTable already runs the journal's target healthily the run
     * is closed as done, otherwise the saved state is restored and verified. Empty when every run was resolved (the
     * switch may go on), else the result that stops it.
     */
    public Optional<Runner.Result> recover(List<Journal.Unfinished> runs, MigrationRequest request, Supplier<Installation> inspectNow,
                                    Confirmation confirmation, Reporter reporter) {
        for (Journal.Unfinished u : runs) {
            if (mode.dryRun()) {
                reporter.warn("an interrupted run (" + u.runDir() + ") is unfinished: a live run completes or rolls it back "
                        + "first; this dry-run does not record that");
                continue;
            }
            Optional<Runner.Result> stop = resolve(u, request, inspectNow, confirmation, reporter);
            if (stop.isPresent()) {
                return stop;
            }
        }
        return Optional.empty();
    }

    /**
     * Resolves one cut-off run: closes it when it never touched the installation or had finished its switch, else rolls it
     * back. Empty when it was resolved, else the result that stops the switch.
     */
    private Optional<Runner.Result> resolve(Journal.Unfinished u, MigrationRequest request, Supplier<Installation> inspectNow,
                                            Confirmation confirmation, Reporter reporter) {
        Journal journal = new Journal(host, u.runDir());
        if (!u.stackTouched()) {
            reporter.info("an earlier run stopped before it changed the installation (" + u.runDir() + "); closing its journal");
            journal.write(Journal.END, "ABANDONED", "no change to the installation");
            return Optional.empty();
        }
        Optional<BackupManifest> manifest = host.readFile(new RunFolder(u.runDir()).manifest()).flatMap(BackupManifest::parse);
        if (manifest.isEmpty()) {
            return Optional.of(new Runner.Result(Outcome.NEEDS_ATTENTION, "an interrupted run in " + u.runDir()
                    + " has no readable manifest; restore .env and the license from its config folder by hand"));
        }
        BackupManifest m = manifest.get();
        Installation now = inspectNow.get();
        if (finishedSwitch(now, m)) {
            reporter.info("an interrupted run (" + u.runDir() + ") had finished its switch: SeaTable runs the target healthily; closing it as done");
            journal.write(Journal.END, Outcome.DONE.name(), "completed by a later run");
            return Optional.empty();
        }
        reporter.warn("an earlier run left the installation mid-switch (" + u.describe() + "); recovery returns it to the "
                + m.from().parsedEdition().displayName() + " " + m.from().parsedVersion() + " saved in " + u.runDir());
        return rollBack(u, m, now, request, journal, confirmation, reporter);
    }

    /** Whether SeaTable runs the run's target (edition and image) healthily, with nothing in conflict. */
    private static boolean finishedSwitch(Installation now, BackupManifest m) {
        Predicate<Installation> healthyAs = i -> i.serverInfo().isPresent() && i.state().conflicts().isEmpty()
                && i.seatable().map(c -> c.health() == ContainerState.Health.HEALTHY).orElse(false);
        return healthyAs.test(now) && now.state().edition().filter(m.to().parsedEdition()::equals).isPresent()
                && now.configuredImage().map(Object::toString).filter(m.to().image()::equals).isPresent();
    }

    /** Returns the installation to the state run {@code u} saved, after asking. Empty when that worked. */
    private Optional<Runner.Result> rollBack(Journal.Unfinished u, BackupManifest m, Installation now, MigrationRequest request,
                                             Journal journal, Confirmation confirmation, Reporter reporter) {
        Edition fromEdition = m.from().parsedEdition();
        SeaTableVersion fromVersion = m.from().parsedVersion();
        var cli = now.composeCli().orElseThrow(() -> new HostUnavailableException("no working Compose to recover with"));
        int envMode = m.envModeBits().orElseThrow();
        String service = now.seatableService().orElse("seatable-server");
        Optional<RollbackSteps.Data> data = Optional.empty();
        if (m.upgrade()) {
            // The new release may have migrated the databases: its way back loads the dump, and restores the folder that says so.
            Optional<String> db = now.runningDatabase();
            Optional<Path> conf = SeatableConf.folder(now);
            if (db.isEmpty() || conf.isEmpty() || !m.databaseDump()) {
                return Optional.of(new Runner.Result(Outcome.NEEDS_ATTENTION, "an interrupted upgrade (" + u.describe() + ") may have"
                        + " migrated the databases, and " + (db.isEmpty() ? "no MariaDB container runs to load its dump into"
                        : conf.isEmpty() ? "SeaTable's configuration folder is not found (no container with a /shared mount)"
                        : "its backup has no dump") + ". Start MariaDB, then: " + RunPointer.rollbackCommand(host, request.composeDir(), u.runDir())
                        + " --restore-database"));
            }
            data = Optional.of(new RollbackSteps.Data(db.get(), conf.get(), m.seatableConf(),
                    RollbackSteps.ProjectFiles.saved(now.composeFiles(), m.releaseUpdate())));
        }
        var saved = new RollbackSteps.SavedState(u.runDir(), envMode, m.licenseExisted(), m.licenseModeBits().orElseThrow(),
                fromEdition, fromVersion);
        List<Step> steps = RollbackSteps.of(new RollbackSteps.Project(request.composeDir(), cli, service, now.licensePath()), saved,
                request.healthTimeout(), RollbackSteps.Scope.forStackAsItIs(now), data);
        if (!confirmation.confirm(u, steps)) {
            return Optional.of(new Runner.Result(Outcome.REFUSED, "an earlier run is unresolved (" + u.describe() + "): nothing was"
                    + " changed. Recover it with: " + RunPointer.rollbackCommand(host, request.composeDir(), u.runDir())
                    + (data.isPresent() ? " --restore-database" : "")));
        }
        Runner.Result r = new Runner(host, mode, interruption).rollback(steps, journal, request.composeDir(), service,
                u.runDir(), reporter, "recovering run " + u.runDir().getFileName());
        journal.write(Journal.END, r.outcome().name(), "recovered by a later run");
        if (r.outcome() != Outcome.ROLLED_BACK) {
            return Optional.of(r);
        }
        reporter.info("recovered: the " + fromEdition.displayName() + " " + fromVersion + " runs again");
        return Optional.empty();
    }

    /** Asks the user before recovering an unresolved earlier run (which stops and starts SeaTable); false means stop. */
    @FunctionalInterface
    public interface Confirmation {
        boolean confirm(Journal.Unfinished run, List<Step> steps);
    }
}
