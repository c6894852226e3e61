package seatablemigrate.core.backup;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import seatablemigrate.core.backup.BackupCatalog;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.RollbackRequest;
import seatablemigrate.core.plan.RollbackSteps;
import seatablemigrate.core.plan.SeatableConf;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Journal;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.ProjectLock;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.runfolder.BackupManifest;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.runfolder.RunPointer;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostLock;

/**
 * {@code rollback}: returns an installation to the edition and version a backup recorded, under the project's lock.
 * Without a backup ID the run to return from is an unresolved one, else the newest backup of the compose directory;
 * the backup must verify; with a database restore the dump is loaded while SeaTable is stopped; then .env and the
 * license are restored and the previous edition is started and verified. The backup's journal gets an END either way.
 */
public final class ReturnToBackup {
    /** The command that lists the backups one could return to. */
    public static final String LIST_BACKUPS = "seatable-migrate backups";
    private final HostBackend host;
    private final RunMode mode;
    private final Interruption interruption;

    public ReturnToBackup(HostBackend host, RunMode mode, Interruption interruption) {
        this.host = requireNonNull(host, "host is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.interruption = requireNonNull(interruption, "interruption is null");
    }

    /**
     * @param unfinished the unresolved runs of this compose directory (the one to return from, without a backup ID)
     * @param inspectNow observes the installation as it is now
     */
    public Runner.Result run(RollbackRequest request, List<Journal.Unfinished> unfinished, Supplier<Installation> inspectNow,
                      Confirmation confirmation, Reporter reporter) {
        ProjectLock taken = ProjectLock.take(host, request.composeDir(), "seatable-migrate rollback", reporter,
                held -> "another run is active on " + request.composeDir() + "; nothing was changed");
        if (taken.refusal().isPresent()) {
            return taken.refusal().get();
        }
        HostLock lock = taken.held();
        try (lock) {
            List<Journal.Unfinished> unresolved = unfinished.stream()
                    .filter(Journal.Unfinished::stackTouched).toList();
            BackupCatalog catalog = new BackupCatalog(host);
            List<BackupCatalog.Backup> backups = candidates(request, unresolved, catalog, reporter);
            Optional<Runner.Result> none = noBackup(request, backups, catalog);
            if (none.isPresent()) {
                return none.get();
            }
            BackupCatalog.Backup b = backups.get(0);
            // Returning from an unresolved run resolves it: its journal gets the END that says how (as every return does).
            boolean resolves = unresolved.stream().anyMatch(u -> u.runDir().equals(b.dir()));
            return returnTo(request, b, resolves, inspectNow, confirmation, reporter);
        }
    }

    /** The backups to return to, the first one chosen: the unresolved runs' (without a backup ID), then the compose directory's. */
    private List<BackupCatalog.Backup> candidates(RollbackRequest request, List<Journal.Unfinished> unresolved, BackupCatalog catalog,
                                                  Reporter reporter) {
        // Without --backup, an unresolved run (cut off, or its rollback failed) is the one to return from, wherever
        // its backup folder is; then the newest backup of this compose directory.
        List<BackupCatalog.Backup> backups = new ArrayList<>();
        if (request.backupId().isEmpty()) {
            for (Journal.Unfinished u : unresolved) {
                catalog.read(u.runDir()).ifPresent(backups::add);
                reporter.warn("an earlier run is unresolved (" + u.describe() + "): returning to the state it saved");
            }
        }
        catalog.list(request.backupRoot()).stream()
                .filter(b -> b.composeDir().equals(request.composeDir()))
                .filter(b -> request.backupId().map(id -> id.equals(b.id())).orElse(true)).forEach(backups::add);
        return backups;
    }

    /** Why there is no backup to return to: the one named is not ours, or none is found. Empty when there is one. */
    private Optional<Runner.Result> noBackup(RollbackRequest request, List<BackupCatalog.Backup> backups, BackupCatalog catalog) {
        Optional<String> notOurs = request.backupId().filter(id -> backups.isEmpty() && !id.contains("/") && !id.equals("..") && !id.equals("."))
                .filter(id -> host.lstat(request.backupRoot().resolve(id)).isPresent())
                .flatMap(id -> catalog.notOurs(request.backupRoot().resolve(id)));
        if (notOurs.isPresent()) {
            return Optional.of(new Runner.Result(Outcome.REFUSED, "backup " + request.backupId().orElseThrow() + " is not used: " + notOurs.get()
                    + "; only a backup folder that belongs to the user seatable-migrate runs as, with nothing in it that others"
                    + " may write to, counts. Nothing was changed"));
        }
        if (backups.isEmpty()) {
            return Optional.of(new Runner.Result(Outcome.REFUSED, request.backupId().map(id -> "no backup " + id).orElse("no backup")
                    + " of " + request.composeDir() + " in " + request.backupRoot() + " (see: " + LIST_BACKUPS + ")"));
        }
        return Optional.empty();
    }

    /** Returns to backup {@code b} unless a check refuses, SeaTable already runs what it recorded, or the user says no. */
    private Runner.Result returnTo(RollbackRequest request, BackupCatalog.Backup b, boolean resolves, Supplier<Installation> inspectNow,
                                   Confirmation confirmation, Reporter reporter) {
        if (!b.verified()) {
            return new Runner.Result(Outcome.REFUSED, "backup " + b.id() + " does not check out (" + b.verification() + "); nothing was changed");
        }
        if (request.restoreDatabase() && !b.databaseDump()) {
            return new Runner.Result(Outcome.REFUSED, "backup " + b.id() + " has no database dump (it was made with --no-backup)");
        }
        Installation now = inspectNow.get();
        if (!now.problems().isEmpty()) {
            return new Runner.Result(Outcome.REFUSED, String.join("; ", now.problems()));
        }
        var cli = now.composeCli().orElseThrow();
        String service = now.seatableService().orElseThrow();
        if (alreadyThere(now, b) && !request.restoreDatabase()) {
            if (resolves) {
                new Journal(host, b.dir()).write(Journal.END, Outcome.ROLLED_BACK.name(), "found restored by 'seatable-migrate rollback'");
            }
            return new Runner.Result(Outcome.NOTHING_TO_DO, "SeaTable already runs the " + b.fromEdition().displayName() + " "
                    + b.fromVersion() + " (" + b.fromImage() + ") recorded in backup " + b.id() + ": nothing to do");
        }
        Optional<BackupManifest> manifest = host.readFile(new RunFolder(b.dir()).manifest()).flatMap(BackupManifest::parse);
        Optional<Runner.Result> refused = refusedByData(request, b, now, manifest);
        if (refused.isPresent()) {
            return refused.get();
        }
        // A switch's backup saves no configuration folder: nothing goes to the folder then.
        Optional<RollbackSteps.Data> data = request.restoreDatabase()
                ? Optional.of(new RollbackSteps.Data(now.runningDatabase().orElseThrow(), SeatableConf.folder(now).orElse(request.composeDir()),
                        savedConf(manifest), RollbackSteps.ProjectFiles.saved(now.composeFiles(),
                        manifest.flatMap(BackupManifest::releaseUpdate))))
                : Optional.empty();
        var saved = new RollbackSteps.SavedState(b.dir(), b.envMode(), b.licenseExisted(), b.licenseMode(), b.fromEdition(),
                b.fromVersion());
        List<Step> steps = RollbackSteps.of(new RollbackSteps.Project(request.composeDir(), cli, service, now.licensePath()), saved,
                request.healthTimeout(), RollbackSteps.Scope.forStackAsItIs(now), data);
        if (!confirmation.confirm(new Plan(b, service, steps))) {
            return new Runner.Result(Outcome.REFUSED, "not confirmed: nothing was changed");
        }
        return restore(request, b, service, steps, reporter);
    }

    /** Whether SeaTable runs, healthy, the edition, version and image that backup {@code b} recorded. */
    private static boolean alreadyThere(Installation now, BackupCatalog.Backup b) {
        return now.state().edition().filter(e -> e == b.fromEdition()).isPresent()
                && now.state().version().filter(v -> v.equals(b.fromVersion())).isPresent()
                && now.configuredImage().map(Object::toString).filter(b.fromImage()::equals).isPresent()
                && now.seatable().filter(c -> c.health() == ContainerState.Health.HEALTHY).isPresent();
    }

    /**
     * Why the databases stand in the way: an upgrade's backup without {@code --restore-database}, or with it no running
     * MariaDB, or a saved configuration folder with nowhere to go. Empty when nothing does.
     */
    private static Optional<Runner.Result> refusedByData(RollbackRequest request, BackupCatalog.Backup b, Installation now,
                                                         Optional<BackupManifest> manifest) {
        if (manifest.filter(BackupManifest::upgrade).isPresent() && !request.restoreDatabase()) {
            return Optional.of(new Runner.Result(Outcome.REFUSED, "backup " + b.id() + " was taken before an upgrade to " + b.toVersion() + ", which"
                    + " migrates the databases: " + b.fromVersion() + " runs only on the databases as they were. Add --restore-database"
                    + " (data written since the upgrade is lost); nothing was changed"));
        }
        if (!request.restoreDatabase()) {
            return Optional.empty();
        }
        if (now.runningDatabase().isEmpty()) {
            return Optional.of(new Runner.Result(Outcome.REFUSED, "no running MariaDB container to load the dump into"));
        }
        if (!savedConf(manifest).isEmpty() && SeatableConf.folder(now).isEmpty()) {
            return Optional.of(new Runner.Result(Outcome.REFUSED, "backup " + b.id() + " holds SeaTable's configuration folder, and SeaTable's"
                    + " container has no /shared mount to say where it goes back to; nothing was changed"));
        }
        return Optional.empty();
    }

    /** The files of SeaTable's configuration folder the backup saved (none for a switch's backup). */
    private static List<BackupManifest.SavedFile> savedConf(Optional<BackupManifest> manifest) {
        return manifest.map(BackupManifest::seatableConf).orElse(List.of());
    }

    /** Runs the steps back to backup {@code b} and closes its journal with the outcome. */
    private Runner.Result restore(RollbackRequest request, BackupCatalog.Backup b, String service, List<Step> steps, Reporter reporter) {
        Journal journal = new Journal(host, b.dir());
        Runner.Result r = new Runner(host, mode, interruption).rollback(steps, journal, request.composeDir(), service,
                b.dir(), reporter, "restoring backup " + b.id());
        // Always closed with its own END: a journal whose last section has none belongs to a run that was cut off.
        journal.write(Journal.END, r.outcome().name(), "restored by 'seatable-migrate rollback'");
        return r.outcome() == Outcome.ROLLED_BACK
                ? new Runner.Result(Outcome.DONE, "SeaTable runs the " + b.fromEdition().displayName() + " " + b.fromVersion()
                        + " again, healthy; .env and the license are restored from backup " + b.id()
                        + (request.restoreDatabase() ? ", and the databases from its dump" : ""))
                : r;
    }

    /** A rollback to a backup as it will run: the backup, SeaTable's service and the steps. */
    public record Plan(BackupCatalog.Backup backup, String service, List<Step> steps) {
        public Plan {
            steps = List.copyOf(steps);
        }
    }

    /** Asks the user before a rollback to a backup; false means stop. */
    @FunctionalInterface
    public interface Confirmation {
        boolean confirm(Plan plan);
    }
}
