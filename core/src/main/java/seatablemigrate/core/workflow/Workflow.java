package seatablemigrate.core.workflow;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import seatablemigrate.core.ThreadPerTask;
import seatablemigrate.core.backup.BackupCatalog;
import seatablemigrate.core.backup.BackupFetch;
import seatablemigrate.core.backup.BackupPruning;
import seatablemigrate.core.backup.ReturnToBackup;
import seatablemigrate.core.inspect.ComposeDirectory;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.inspect.Inspector;
import seatablemigrate.core.inspect.OfflineInspector;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.PlanContext;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.plan.PreflightChecks;
import seatablemigrate.core.plan.RollbackRequest;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Journal;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.ProjectLock;
import seatablemigrate.core.run.Recovery;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.run.RunLog;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.runfolder.RunPointer;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostLock;

/**
 * The use cases: status, plan, migrate. Holds the order of things: lock, recover an interrupted run, inspect,
 * plan, refuse or confirm, run. The CLI only parses input and renders output.
 */
public final class Workflow {
    /** How a wrong compose directory was named, for its message. */
    private static final String COMPOSE_DIR_OPTION = "--compose-dir, default " + MigrationRequest.DEFAULT_COMPOSE_DIR;

    /**
     * How long {@code status} waits for a registry's tags, from when it asked: a registry that answers later (Docker Hub
     * paging, a distant mirror) costs every {@code status} that long, and {@code plan} asks again, without this limit.
     */
    static final Duration STATUS_REGISTRY_DEADLINE = Duration.ofSeconds(2);
    /**
     * Where the registry's and the engine's questions of {@code status} run: each waits on a host or a registry, not on
     * the CPU, so each gets its own daemon thread (a late registry holds no exit, and the hosts of a fleet do not queue
     * behind each other's registries). They are few by construction: the settings, and images and tags of two
     * repositories, and of two more when the configured image's registry is not the running one's; and the unfinished
     * runs.
     */
    private static final Executor STATUS_QUESTIONS = new ThreadPerTask("seatable-migrate-status");

    private final HostBackend host;
    private final Clock clock;
    private final Interruption interruption;
    private final ImageCatalog.Factory registries;
    private final RunMode mode;

    /** A live workflow that asks no registry (versions from local images only). */
    public Workflow(HostBackend host, Clock clock, Interruption interruption) {
        this(host, RunMode.LIVE, clock, interruption, ImageCatalog.Factory.NONE);
    }

    /**
     * @param host       the host, through a live backend, or for a dry-run through the backend that records into
     *                   {@code mode}'s recorder
     * @param mode       live, or a dry-run
     * @param registries how registries are asked about target images
     */
    public Workflow(HostBackend host, RunMode mode, Clock clock, Interruption interruption, ImageCatalog.Factory registries) {
        this.host = requireNonNull(host, "host is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.interruption = requireNonNull(interruption, "interruption is null");
        this.registries = requireNonNull(registries, "registries is null");
    }

    /** Asks the user before the first change; false means stop. */
    @FunctionalInterface
    public interface Confirmation {
        boolean confirm(MigrationPlan plan);
    }

    public Installation inspect(Path composeDir, ComposePreference compose) {
        return new Inspector(host).inspect(composeDir, compose);
    }

    /**
     * {@code doctor}: whether this host could be switched, without choosing a target. Inspects the installation and
     * evaluates every pre-flight check that needs no target version, for the edition that runs (the Enterprise
     * Edition when it cannot be told), so that each fact is checked in exactly one place.
     */
    public List<CheckResult> doctor(Path composeDir, ComposePreference compose, Path backupRoot) {
        ComposeDirectory.require(host, composeDir, COMPOSE_DIR_OPTION);
        Installation inst = inspect(composeDir, compose);
        Edition edition = inst.state().edition().orElse(Edition.ENTERPRISE);
        MigrationRequest request = MigrationRequest.builder(composeDir, edition).compose(compose).backupRoot(backupRoot).build();
        PlanContext ctx = new PlanContext(inst, request, Optional.empty(), Optional.empty(), Optional.empty(), host.usableSpace(backupRoot),
                host.stat(backupRoot), LocalDate.now(clock), Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty());
        return PreflightChecks.doctor().stream().map(c -> c.evaluate(ctx)).toList();
    }

    /**
     * How {@code doctor} ends for its checks ({@link #doctor}): refused ("not ready") naming each check that fails, or done
     * ("ready to be switched") counting the checks and their warnings.
     */
    public static Runner.Result doctorResult(List<CheckResult> checks) {
        List<String> failed = checks.stream().filter(CheckResult::failed).map(CheckResult::name).toList();
        long warnings = checks.stream().filter(c -> c.status() == CheckResult.Status.WARN).count();
        return failed.isEmpty() ? new Runner.Result(Outcome.DONE, "ready to be switched: " + checks.size() + " checks, " + warnings + " warning(s)")
                : new Runner.Result(Outcome.REFUSED, "not ready: " + String.join(", ", failed));
    }

    /** What a copy of a compose directory in {@code readDir} says about {@code composeDir} on its host (no engine asked). */
    public Installation inspectOffline(Path composeDir, Path readDir, ComposePreference compose) {
        ComposeDirectory.requireCopy(host, readDir, readDir.equals(composeDir) ? COMPOSE_DIR_OPTION : ComposeDirectory.FROM);
        return new OfflineInspector(host).inspect(composeDir, readDir, compose);
    }

    /**
     * What {@code status} shows: the installation (everything but the probe of the image setting, which only planning
     * needs) and the releases of its MAJOR.MINOR, asked at once. The registry is asked as soon as the running SeaTable
     * container's image is known, beside Compose's configuration, and gets {@link #STATUS_REGISTRY_DEADLINE}. The
     * unfinished runs in {@code backupRoot} ({@link #unfinishedRuns}) are asked beside the inspection.
     */
    public Status status(Path composeDir, ComposePreference compose, Path backupRoot) {
        ComposeDirectory.require(host, composeDir, COMPOSE_DIR_OPTION);
        CompletableFuture<List<Journal.Unfinished>> unfinished =
                CompletableFuture.supplyAsync(() -> unfinishedRuns(backupRoot, composeDir), STATUS_QUESTIONS);
        ReleaseQuestions releases = new ReleaseQuestions(host, registries, STATUS_QUESTIONS, STATUS_REGISTRY_DEADLINE);
        Installation inst = new Inspector(host).inspect(composeDir, compose, false, releases::expect);
        return new Status(inst, releases.describe(inst), unfinished);
    }

    /**
     * Unresolved runs (cut off, or ended needing attention) of this compose directory: those in the backup root, and
     * the last run the host recorded for the project, wherever its backup folder is (another {@code --backup-dir}).
     * Only the tool's own folders count ({@link BackupCatalog#notOurs}): another user's journal is no run to recover.
     */
    public List<Journal.Unfinished> unfinishedRuns(Path backupRoot, Path composeDir) {
        List<Path> runs = new ArrayList<>(host.list(backupRoot));
        RunPointer.read(host, composeDir).filter(r -> !runs.contains(r)).ifPresent(runs::add);
        BackupCatalog catalog = new BackupCatalog(host);
        List<Journal.Unfinished> out = new ArrayList<>();
        for (Path run : runs) {
            if (catalog.notOurs(run).isEmpty()) {
                Journal.unfinished(host, run, composeDir).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Throws {@link seatablemigrate.core.UsageException} (exit 2) when the directory named is no compose directory. */
    public MigrationPlan plan(MigrationRequest request) {
        Installation inst;
        if (request.offline()) {
            inst = inspectOffline(request.composeDir(), request.readDir(), request.compose());
        } else {
            ComposeDirectory.require(host, request.composeDir(), COMPOSE_DIR_OPTION);
            inst = inspect(request.composeDir(), request.compose());
        }
        return new Planner(host, clock, registries).plan(inst, request);
    }

    /** The whole migration, recovering an unresolved earlier run without asking. */
    public Runner.Result migrate(MigrationRequest request, Confirmation confirmation, Reporter screen) {
        return migrate(request, confirmation, (run, steps) -> true, screen);
    }

    /** The whole migration. The result's outcome decides the exit code. */
    public Runner.Result migrate(MigrationRequest request, Confirmation confirmation, Recovery.Confirmation recovery, Reporter screen) {
        // A dry-run writes nothing, so it keeps no log either.
        RunLog log = mode.dryRun() ? null : new RunLog(screen, host);
        Reporter reporter = log == null ? screen : log;
        AtomicReference<MigrationPlan> ran = new AtomicReference<>();
        Runner.Result result = migrate(request, confirmation, recovery, reporter, log, ran);
        if (log != null) {
            log.result(result);
        }
        // After the log's last line, so that the copy holds all of it; a dry-run makes no backup to fetch.
        if (log != null && ran.get() != null) {
            request.fetchBackupTo().ifPresent(to -> new BackupFetch(host, interruption)
                    .fetch(ran.get().runDir(), ran.get().backupFiles(), to, screen));
        }
        return result;
    }

    private Runner.Result migrate(MigrationRequest request, Confirmation confirmation, Recovery.Confirmation recoveryConfirmation,
                                  Reporter reporter, RunLog log,
                                  AtomicReference<MigrationPlan> ran) {
        // A reviewed plan runs only on the machine it was made on: checked before anything, the lock included.
        Optional<String> otherHost = request.reviewed().flatMap(r -> r.otherHost(host.identity()));
        if (otherHost.isPresent()) {
            reporter.check(CheckResult.fail("reviewed-plan", otherHost.get()));
            return new Runner.Result(Outcome.REFUSED, otherHost.get() + ": nothing was changed; make and review a plan on this host");
        }
        Path lockFile = RunPointer.lockFile(request.composeDir());
        ProjectLock taken = ProjectLock.take(host, request.composeDir(), "seatable-migrate", reporter,
                held -> "another migration is running on " + request.composeDir() + "; nothing was changed");
        if (taken.refusal().isPresent()) {
            return taken.refusal().get();
        }
        HostLock lock = taken.held();
        try (lock) {
            reporter.check(CheckResult.pass("lock", mode.dryRun() ? "dry-run: no lock taken, nothing is changed"
                    : "no other migration runs on this project (lock " + lockFile + ")"));
            if (!request.offline()) {
                new BackupPruning(host).pileUpWarning(request.backupRoot(), request.composeDir()).ifPresent(reporter::warn);
            }
            Optional<Runner.Result> recovery = request.offline() ? Optional.empty()
                    : new Recovery(host, mode, interruption).recover(unfinishedRuns(request.backupRoot(), request.composeDir()), request,
                    () -> inspect(request.composeDir(), request.compose()), recoveryConfirmation, reporter);
            if (recovery.isPresent() && recovery.get().outcome() != Outcome.DONE) {
                return recovery.get();
            }
            MigrationPlan plan = plan(request);
            if (log != null) {
                log.secrets(plan.installation().env().map(EnvFile::secretValues).orElse(List.of()));
                log.runDir(plan.runDir());
            }
            reporter.planned(plan);
            plan.checks().forEach(reporter::check);
            Optional<Runner.Result> stop = stopBeforeTheFirstChange(request, plan, confirmation, reporter);
            if (stop.isPresent()) {
                return stop.get();
            }
            ran.set(plan);
            try {
                return new Runner(host, mode, interruption).run(plan, reporter);
            } catch (RuntimeException e) {
                // The runner handles step failures itself; anything else here means the host went away mid-run.
                return new Runner.Result(Outcome.NEEDS_ATTENTION, "the run stopped: " + e.getMessage() + ". The installation may be"
                        + " half-switched; its saved state and journal are in " + plan.runDir() + ". Run seatable-migrate again:"
                        + " it reads the journal and completes or rolls back the switch.");
            }
        }
    }

    /**
     * Why a planned run stops before its first change, if it does: nothing to do, a host (or copy) that differs from the
     * reviewed plan, a refusal by pre-flight, no confirmation, or a stop signal meanwhile.
     */
    private Optional<Runner.Result> stopBeforeTheFirstChange(MigrationRequest request, MigrationPlan plan, Confirmation confirmation,
                                                             Reporter reporter) {
        Optional<PlannedStop> nothingToDo = PlannedStop.nothingToDo(plan);
        if (nothingToDo.isPresent()) {
            return nothingToDo.map(PlannedStop::runResult);
        }
        if (request.reviewed().isPresent()) {
            List<String> drift = request.reviewed().get().drift(plan, host);
            if (!drift.isEmpty()) {
                drift.forEach(d -> reporter.check(CheckResult.fail("reviewed-plan", d)));
                return Optional.of(new Runner.Result(Outcome.REFUSED, (request.offline() ? "the copy differs from the reviewed plan ("
                        : "the host drifted from the reviewed plan (") + drift.size()
                        + " difference(s), listed above): nothing was changed; make and review a new plan"));
            }
            // The digest goes into the run's log beside its backup: what ran can be compared with what was approved.
            reporter.check(CheckResult.pass("reviewed-plan", "the host and the steps are exactly as reviewed (run " + plan.runDir().getFileName()
                    + ", plan file sha256 " + request.reviewed().get().digest() + ")"));
        }
        Optional<PlannedStop> refused = PlannedStop.refused(plan);
        if (refused.isPresent()) {
            return refused.map(PlannedStop::runResult);
        }
        if (!confirmation.confirm(plan)) {
            return Optional.of(new Runner.Result(Outcome.REFUSED, "not confirmed: nothing was changed"));
        }
        if (interruption.requested()) {
            return Optional.of(new Runner.Result(interruption.outcome(), interruption.reason() + " before the first change: nothing was changed"));
        }
        return Optional.empty();
    }

    /** Asks the user before backups are removed; false means stop. */
    @FunctionalInterface
    public interface PruneConfirmation {
        boolean confirm(List<BackupCatalog.Backup> backups);
    }

    /**
     * Removes all but the newest {@code keep} backups of a compose directory (with {@code olderThan}: only older ones),
     * never an unresolved run's, under the project's lock so that no run writes a backup meanwhile.
     */
    public Runner.Result pruneBackups(Path backupRoot, Path composeDir, int keep, Optional<Duration> olderThan,
                                      PruneConfirmation confirmation, Reporter reporter) {
        ProjectLock taken = ProjectLock.take(host, composeDir, "seatable-migrate backups prune", Reporter.NONE, held -> held + "; nothing was removed");
        if (taken.refusal().isPresent()) {
            return taken.refusal().get();
        }
        HostLock lock = taken.held();
        try (lock) {
            BackupPruning pruning = new BackupPruning(host);
            List<BackupCatalog.Backup> doomed = pruning.candidates(backupRoot, composeDir, keep, olderThan, clock.instant());
            if (doomed.isEmpty()) {
                return new Runner.Result(Outcome.NOTHING_TO_DO, "nothing to prune: " + backupRoot + " keeps every backup of " + composeDir);
            }
            if (!confirmation.confirm(doomed)) {
                return new Runner.Result(Outcome.REFUSED, "not confirmed: nothing was removed");
            }
            long freed = pruning.remove(doomed, reporter);
            return new Runner.Result(Outcome.DONE, "removed " + doomed.size() + " backup(s) of " + composeDir + ", " + Bytes.human(freed) + " freed");
        }
    }

    /**
     * The backups in {@code backupRoot} that the tool made and owns ({@link BackupCatalog#list}), of {@code composeDir}, or
     * of every compose directory when it is empty. A root that is no folder on the host is said as a warning: it lists none.
     */
    public List<BackupCatalog.Backup> backups(Path backupRoot, Optional<Path> composeDir, Reporter reporter) {
        if (host.stat(backupRoot).filter(FileStat::isDirectory).isEmpty()) {
            reporter.warn("the backup folder " + backupRoot + " does not exist on " + host.describe()
                    + " (--backup-dir names the folder the runs were made with)");
        }
        return new BackupCatalog(host).list(backupRoot).stream().filter(b -> composeDir.map(b.composeDir()::equals).orElse(true)).toList();
    }

    /**
     * Returns the installation to the edition and version recorded in a backup: restores .env and the license,
     * restarts and verifies; with {@code restoreDatabase} first loads the dump while SeaTable is stopped.
     */
    public Runner.Result rollbackTo(RollbackRequest request, ReturnToBackup.Confirmation confirmation, Reporter reporter) {
        return new ReturnToBackup(host, mode, interruption).run(request, unfinishedRuns(request.backupRoot(), request.composeDir()),
                () -> inspect(request.composeDir(), request.compose()), confirmation, reporter);
    }
}
